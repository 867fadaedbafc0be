import Foundation

/// A real node exporter (`/usr/bin/prometheus-node-exporter`) on a free loopback port.
public struct NodeExporterFixture: Sendable {
    /// The port it listens on (127.0.0.1).
    public let port: Int
    /// The running exporter.
    public let process: ManagedProcess

    /// `127.0.0.1:port`, as a scrape target.
    public var address: String { "127.0.0.1:\(port)" }
    /// Its metrics URL.
    public var metricsURL: String { "http://\(address)/metrics" }

    /// Runs `body` with a node exporter, stopping it afterwards whatever happens.
    /// - Parameters:
    ///   - flags: extra flags (e.g. collectors to disable).
    ///   - body: the test.
    /// - Returns: what `body` returns.
    /// - Throws: ``FixtureError`` when it cannot be started, or what `body` throws.
    public static func with<T>(
        flags: [String] = [], _ body: (NodeExporterFixture) async throws -> T
    ) async throws -> T {
        let exporter = try TestBinaries.require(.nodeExporter)
        let directory = try TemporaryDirectory(prefix: "sibyl-node-exporter")
        defer { directory.remove() }
        var lastFailure: (any Error)?
        for _ in 0..<3 {
            let port = try FreePort.next()
            let process = try ManagedProcess(
                executable: exporter,
                arguments: ["--web.listen-address=127.0.0.1:\(port)", "--log.level=warn"] + flags,
                logFile: directory.file("node-exporter.log")
            )
            defer { process.stop() }
            do {
                try await TestHTTP.waitUntilOK("http://127.0.0.1:\(port)/metrics", timeout: 30) { process.isRunning }
            } catch {
                lastFailure = FixtureError("node exporter did not start: \(error)\n\(process.logTail())")
                continue
            }
            return try await body(NodeExporterFixture(port: port, process: process))
        }
        throw lastFailure ?? FixtureError("node exporter could not be started")
    }
}
