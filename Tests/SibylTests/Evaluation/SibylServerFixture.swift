import Foundation
import Hummingbird
import Logging
import Sibyl
import SibylTestSupport

/// Sibyl's real application on a free loopback port, wired from a configuration as `sibyl run` wires it, with a
/// fixed evaluation time.
enum SibylServerFixture {
    /// Runs Sibyl with `configuration` (its web section ignored, its archive in a temporary folder), evaluating at
    /// `time`, until `body` returns: the application `sibyl run` builds, through the same composition root.
    /// - Parameters:
    ///   - time: the evaluation time T of every cycle, in milliseconds.
    ///   - body: receives the bound port.
    static func with<T>(
        _ configuration: SibylConfiguration, at time: Int64, _ body: (Int) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "sibyl-test")
        logger.logLevel = .warning
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var configuration = configuration
        configuration.archive.path = directory.file("sibyl.db").path
        let service = try SibylService(
            configuration: configuration, configurationFile: "test.yml", adminToken: nil, logger: logger,
            now: { time })
        defer { try? service.archive.close() }
        return try await with(service, logger: logger, body)
    }

    /// Runs the application `makeApplication` builds (it must listen on a free port and report it through the
    /// callback it is given) until `body` returns.
    /// - Parameters:
    ///   - makeApplication: builds the application from its `onServerRunning` callback.
    ///   - body: receives the bound port.
    static func serve<T>(
        _ makeApplication: (@escaping @Sendable (Int) async -> Void) -> some ApplicationProtocol,
        _ body: (Int) async throws -> T
    ) async throws -> T {
        try await ServedApplication.serve(makeApplication, body)
    }

    /// Serves `service`'s application on a free loopback port until `body` returns.
    /// - Parameters:
    ///   - service: the assembled service.
    ///   - body: receives the bound port.
    static func with<T>(
        _ service: SibylService, logger: Logger, _ body: (Int) async throws -> T
    ) async throws -> T {
        try await ServedApplication.serve(
            { onServerRunning in
                service.application(
                    server: ServerConfiguration(host: "127.0.0.1", port: 0), logger: logger,
                    onServerRunning: onServerRunning)
            }, body)
    }

    /// Polls `/metrics` until `done` holds for its text (at most `timeout` seconds), and returns the last text.
    static func metrics(
        port: Int, timeout: Double = 120, until done: (String) -> Bool
    ) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var text = ""
        while Date() < deadline {
            text = try await TestHTTP.get("http://127.0.0.1:\(port)/metrics").text
            if done(text) { return text }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw FixtureError("/metrics did not reach the expected state in \(timeout) s; last:\n\(text.prefix(2000))")
    }
}
