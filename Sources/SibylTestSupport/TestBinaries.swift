import Foundation

/// The external programs tests run, and whether a missing one is a skip or a failure.
///
/// When `CI=true`, a missing binary is a test failure, never a skip: tests that need one use
/// `.enabled(if: TestBinaries.runnable(.prometheus))`, which stays enabled in CI so the fixture
/// throws ``FixtureError/missingBinary(_:)``.
public enum TestBinaries {
    /// A program a test may need.
    public enum Program: String, Sendable, CaseIterable {
        /// The Prometheus server (Debian package `prometheus`).
        case prometheus = "/usr/bin/prometheus"
        /// promtool (Debian package `prometheus`).
        case promtool = "/usr/bin/promtool"
        /// The node exporter (Debian package `prometheus-node-exporter`).
        case nodeExporter = "/usr/bin/prometheus-node-exporter"
        /// Python 3, used as a static file server.
        case python3 = "/usr/bin/python3"
        /// Chromium, the headless browser that renders the status page (Debian package `chromium`).
        case chromium = "/usr/bin/chromium"
        /// VictoriaMetrics single node, a remote-write receiver (Debian package `victoria-metrics`).
        case victoriaMetrics = "/usr/bin/victoria-metrics"

        /// The path of the program.
        public var path: String { rawValue }
    }

    /// Whether this run is CI (`CI=true`).
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Whether `program` is installed.
    /// - Returns: `true` when its binary is executable.
    public static func isInstalled(_ program: Program) -> Bool {
        FileManager.default.isExecutableFile(atPath: program.path)
    }

    /// Whether a test needing `programs` should run: they are installed, or this is CI (where their absence fails).
    /// - Parameter programs: the programs the test needs.
    /// - Returns: `true` to run the test.
    public static func runnable(_ programs: Program...) -> Bool {
        isCI || programs.allSatisfy(isInstalled)
    }

    /// The path of `program`.
    /// - Returns: its path.
    /// - Throws: ``FixtureError/missingBinary(_:)`` when it is not installed.
    public static func require(_ program: Program) throws -> String {
        guard isInstalled(program) else { throw FixtureError.missingBinary(program.path) }
        return program.path
    }
}
