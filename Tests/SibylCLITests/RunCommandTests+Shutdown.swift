import Foundation
import SibylTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM ends the `sibyl` binary promptly whatever it is waiting on.
struct RunCommandShutdownTests {
    /// The `sibyl` executable `swift build` put beside this test bundle.
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("sibyl").path

    /// A loopback listener that never accepts: connections complete in the kernel and then nothing answers, the way
    /// a hung source behaves. Returns the socket and its port.
    static func silentListener() throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard fd >= 0, bound else { throw FixtureError("cannot listen on loopback: \(errno)") }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// The HTTP status curl gets for `url` (0 when it gets none).
    static func status(_ url: String) -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "2", url]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return 0 }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Int(String(decoding: output, as: UTF8.self)) ?? 0
    }

    @Test("SIGTERM ends sibyl run within 5 s during a hung source read, a catastrophic regex and a slow client")
    func sigtermDuringEveryWait() async throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.binary), "no sibyl binary at \(Self.binary)")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let source = try Self.silentListener()
        defer { close(source.fd) }
        let port = try FreePort.next()
        let config = directory.file("sibyl.yml")
        try Data(
            """
            source: {url: "http://127.0.0.1:\(source.port)/api/v1/read", timeout: 10m}
            selectors: ['{__name__=~"(.*)*Q"}']
            web: {listen_address: "127.0.0.1:\(port)"}
            archive: {path: "\(directory.file("sibyl.db").path)"}
            objectives:
              - name: pathological
                selector: '{__name__=~"(a|aa)*(.*)*Q", job=~"(x+x+)+y"}'
                max: 1
            """.utf8
        ).write(to: config)
        let sibyl = try ManagedProcess(
            executable: Self.binary, arguments: ["run", "--config.file", config.path, "--log.level", "warn"],
            logFile: directory.file("sibyl.log"))
        // Polled from a Dispatch thread with curl: a wait on the cooperative pool can starve in the parallel suite.
        let healthy = try await offThePool { () -> Bool in
            for _ in 0..<1200 where sibyl.isRunning {
                if Self.status("http://127.0.0.1:\(port)/-/healthy") == 200 { return true }
                usleep(100_000)
            }
            return false
        }
        try #require(healthy, "sibyl did not become healthy:\n\(sibyl.logTail())")
        // A slow client holds a half-sent request, and an API call is in flight.
        let slow = try await offThePool {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            _ = Array("GET /metrics HTTP/1.1\r\nHost: x\r\n".utf8).withUnsafeBytes {
                send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            return fd
        }
        defer { close(slow) }
        let inFlight = Task {
            try? await TestHTTP.send(
                "http://127.0.0.1:\(port)/api/v1/series?match%5B%5D=%7B__name__%3D~%22(.*)*Q%22%7D", timeout: 30)
        }
        try await Task.sleep(for: .seconds(1))
        #expect(sibyl.isRunning)

        kill(sibyl.processIdentifier, SIGTERM)
        let status = try await offThePool { sibyl.waitForExit(timeout: 5) }
        inFlight.cancel()
        #expect(status != nil, "still running 5 s after SIGTERM:\n\(sibyl.logTail())")
        #expect(status == 0, "exit status \(status.map(String.init) ?? "none"):\n\(sibyl.logTail())")
    }
}
