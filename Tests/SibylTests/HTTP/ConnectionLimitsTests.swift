import Foundation
import Logging
import SibylTestSupport
import Synchronization
import Testing

@testable import Sibyl

#if canImport(Glibc)
import Glibc
#endif

/// Idle connections give their sockets back, and a crowd of them does not keep `/metrics` from answering.
///
/// One test at a time, and alone in `scripts/test.sh`: the scrapes are timed, and the parallel suite's CPU-bound
/// tests hold the cooperative pool that serves them.
@Suite(.serialized)
struct ConnectionLimitsTests {
    /// A TCP connection to the loopback port that sends nothing.
    static func idleSocket(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw FixtureError("socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw FixtureError("connect: \(errno)") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    @Test("100 idle connections are closed by the server after the idle timeout; /metrics answers meanwhile")
    func idleConnectionsClosed() async throws {
        try await IdleSibyl.serve(ServerConfiguration(idleTimeout: .milliseconds(500))) { port in
            let sockets = try await offThePool { try (0..<100).map { _ in try Self.idleSocket(port: port) } }
            defer { for fd in sockets { close(fd) } }
            let metrics = try await TestHTTP.get("http://127.0.0.1:\(port)/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.text.contains("sibyl_source_up 0"))
            var closedByServer = 0
            for fd in sockets {
                var byte: UInt8 = 0
                if read(fd, &byte, 1) == 0 { closedByServer += 1 }  // EOF: the server closed it
            }
            #expect(closedByServer == sockets.count)
        }
    }

    /// Clients that send the start of a request head and then one more byte every half second, never finishing it:
    /// the slow-loris pattern. Made off the cooperative pool (300 connects exceed the listen backlog, so they wait for
    /// the server's accept loop, which runs on that pool); the writes run on their own thread.
    final class SlowClients: @unchecked Sendable {
        private let sockets: [Int32]
        private let stopped = Mutex(false)
        private let finished = DispatchSemaphore(value: 0)

        init(count: Int, port: Int) throws {
            sockets = try (0..<count).map { _ in
                let fd = try ConnectionLimitsTests.idleSocket(port: port)
                _ = Self.send(fd, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                return fd
            }
            Thread.detachNewThread { [self] in
                while !stopped.withLock({ $0 }) {
                    for fd in sockets { _ = Self.send(fd, "a") }
                    Thread.sleep(forTimeInterval: 0.5)
                }
                finished.signal()
            }
        }

        /// Sockets the server has closed (read gives end of file or an error).
        var closedByServer: Int {
            sockets.filter { fd in
                var byte: UInt8 = 0
                return recv(fd, &byte, 1, Int32(MSG_DONTWAIT)) == 0
            }.count
        }

        func stop() {
            stopped.withLock { $0 = true }
            finished.wait()
            for fd in sockets { close(fd) }
        }

        private static func send(_ fd: Int32, _ text: String) -> Int {
            Array(text.utf8).withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }
    }

    /// Runs a Sibyl with the given connection limit, holds 300 slow clients open, and scrapes `/metrics` once a
    /// second ten times; returns each scrape's wall time and how many slow clients the server closed.
    func scrapesAmongSlowClients(maxConnections: Int) async throws -> (latencies: [Duration], closed: Int) {
        try await IdleSibyl.serve(ServerConfiguration(maxConnections: maxConnections)) { port in
            let clients = try await offThePool { try SlowClients(count: 300, port: port) }
            var latencies: [Duration] = []
            for _ in 0..<10 {
                let clock = ContinuousClock()
                let started = clock.now
                let metrics = try await TestHTTP.send("http://127.0.0.1:\(port)/metrics", timeout: 60)
                latencies.append(clock.now - started)
                #expect(metrics.status == 200)
                #expect(metrics.text.contains("sibyl_source_up 0"))
                try await Task.sleep(for: .seconds(1))
            }
            let closed = clients.closedByServer
            clients.stop()
            return (latencies, closed)
        }
    }

    @Test("300 slow clients hold connections while /metrics is scraped every second: every scrape within 1 s")
    func slowClientsDoNotDelayScrapes() async throws {
        let outcome = try await scrapesAmongSlowClients(maxConnections: 512)
        #expect(outcome.latencies.count == 10)
        #expect(outcome.latencies.allSatisfy { $0 < .seconds(1) }, "scrape times: \(outcome.latencies)")
    }

    @Test("with a connection limit below the slow clients' number, the longest-waiting ones make room for scrapes")
    func slowClientsPastTheLimitAreClosed() async throws {
        let outcome = try await scrapesAmongSlowClients(maxConnections: 100)
        #expect(outcome.latencies.allSatisfy { $0 < .seconds(1) }, "scrape times: \(outcome.latencies)")
        // 300 opened against a limit of 100: at least 200 of them (the oldest) were closed to make room.
        #expect(outcome.closed >= 200)
    }

    @Test("the connection limit never exceeds what the open-file limit leaves room for")
    func connectionLimitFollowsTheFileLimit() {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        let server = ServerConfiguration(maxConnections: 1_000_000)
        #expect(server.connectionLimit <= max(1, Int(clamping: limit.rlim_cur) - 64))
        #expect(ServerConfiguration(maxConnections: 3).connectionLimit == 3)
    }
}
