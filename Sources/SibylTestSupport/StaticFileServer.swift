public import Foundation

/// Serves the files of a directory over HTTP on a free loopback port (`python3 -m http.server`).
///
/// Lets a real Prometheus scrape bytes a test wrote, exactly as written.
public struct StaticFileServer: Sendable {
    /// The directory served.
    public let directory: URL
    /// The port (127.0.0.1).
    public let port: Int

    /// `127.0.0.1:port`, as a scrape target.
    public var address: String { "127.0.0.1:\(port)" }

    /// Runs `body` while `directory` is served, stopping the server afterwards whatever happens.
    /// - Parameters:
    ///   - directory: the directory to serve.
    ///   - body: the test.
    /// - Returns: what `body` returns.
    /// - Throws: ``FixtureError`` when the server cannot be started, or what `body` throws.
    public static func with<T>(
        serving directory: URL, _ body: (StaticFileServer) async throws -> T
    ) async throws -> T {
        let python = try TestBinaries.require(.python3)
        let logs = try TemporaryDirectory(prefix: "sibyl-static")
        defer { logs.remove() }
        let probe = directory.appendingPathComponent(".probe")
        _ = FileManager.default.createFile(atPath: probe.path, contents: Data())
        return try await ManagedProcess.withServer(
            name: "static file server", executable: python,
            arguments: { ["-m", "http.server", String($0), "--bind", "127.0.0.1", "--directory", directory.path] },
            readyPath: "/.probe", logFile: logs.file("http.log"), timeout: 20
        ) { port, _ in
            try await body(StaticFileServer(directory: directory, port: port))
        }
    }
}
