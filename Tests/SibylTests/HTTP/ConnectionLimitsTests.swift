import Foundation
import Logging
import SibylTestSupport
import Testing

@testable import Sibyl

#if canImport(Glibc)
import Glibc
#endif

/// Idle connections give their sockets back, and a crowd of them does not keep `/metrics` from answering.
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
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var logger = Logger(label: "sibyl-test")
        logger.logLevel = .critical
        let configuration = try SibylConfiguration(
            yaml: """
                source: {url: 'http://127.0.0.1:1/api/v1/read', timeout: 1s}
                selectors: [up]
                archive: {path: '\(directory.file("sibyl.db").path)'}
                """, file: "t.yml")
        let service = try SibylService(
            configuration: configuration, configurationFile: "t.yml", adminToken: nil, logger: logger)
        defer { try? service.closeArchive() }
        try await ServedApplication.serve(
            { onServerRunning in
                service.application(
                    server: ServerConfiguration(host: "127.0.0.1", port: 0, idleTimeout: .milliseconds(500)),
                    logger: logger, onServerRunning: onServerRunning)
            },
            { port in
                let sockets = try (0..<100).map { _ in try Self.idleSocket(port: port) }
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
            })
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
