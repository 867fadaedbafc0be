import Foundation
import Logging
import SibylTestSupport

@testable import Sibyl

/// A Sibyl whose source never answers (`127.0.0.1:1`), served on a free loopback port: for tests of the HTTP
/// server itself (connections, TLS, authentication), where only Sibyl's own series and the archive matter.
enum IdleSibyl {
    /// Serves it with `server` (host and port are set here) until `body` returns.
    /// - Parameters:
    ///   - server: the server settings.
    ///   - archive: the archive file, a fresh one in a temporary folder by default.
    ///   - body: the test, given the port.
    /// - Returns: what `body` returns.
    static func serve<T>(
        _ server: ServerConfiguration = ServerConfiguration(), archive: String? = nil, _ body: (Int) async throws -> T
    ) async throws -> T {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var logger = Logger(label: "sibyl-test")
        logger.logLevel = .critical
        let configuration = try SibylConfiguration(
            yaml: """
                source: {url: 'http://127.0.0.1:1/api/v1/read', timeout: 1s}
                selectors: [up]
                archive: {path: '\(archive ?? directory.file("sibyl.db").path)'}
                """, file: "t.yml")
        let service = try SibylService(
            configuration: configuration, configurationFile: "t.yml", adminToken: nil, logger: logger)
        defer { try? service.closeArchive() }
        var server = server
        server.host = "127.0.0.1"
        server.port = 0
        return try await ServedApplication.serve(
            { [server] onServerRunning in
                service.application(server: server, logger: logger, onServerRunning: onServerRunning)
            },
            body)
    }
}
