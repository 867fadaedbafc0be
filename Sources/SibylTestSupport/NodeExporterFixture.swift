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
        return try await ManagedProcess.withServer(
            name: "node exporter", executable: exporter,
            arguments: { ["--web.listen-address=127.0.0.1:\($0)", "--log.level=warn"] + flags },
            readyPath: "/metrics", logFile: directory.file("node-exporter.log"), timeout: 30
        ) { port, process in
            try await body(NodeExporterFixture(port: port, process: process))
        }
    }
}
