public import Foundation

/// A real Prometheus (`/usr/bin/prometheus`) on a free loopback port with its own data directory.
///
/// Use ``with(history:scrapeTargets:scrapeInterval:flags:_:)``: it pre-fills the data directory
/// through `promtool tsdb create-blocks-from openmetrics` (12 h of history in well under a
/// second, instead of waiting for scrapes), starts the server, waits until `/-/ready`, runs the
/// body, and always stops the server and deletes its directory, also when the body throws.
public struct PrometheusFixture: Sendable {
    /// A scrape job for the generated `prometheus.yml`.
    public struct ScrapeTarget: Sendable {
        /// The job name.
        public var job: String
        /// `host:port` of the target.
        public var address: String
        /// The metrics path.
        public var metricsPath: String
        /// Whether the target's own labels win (`honor_labels`), as for Sibyl and federation.
        public var honorLabels: Bool
        /// TLS and basic auth (then the scheme is https), or `nil` for plain HTTP.
        public var security: ClientSecurity?

        /// Creates a scrape target.
        /// - Parameters:
        ///   - job: the job name.
        ///   - address: `host:port`.
        ///   - honorLabels: whether the target's labels win.
        ///   - security: TLS and basic auth, or `nil`.
        public init(
            job: String, address: String, metricsPath: String = "/metrics", honorLabels: Bool = false,
            security: ClientSecurity? = nil
        ) {
            self.job = job
            self.address = address
            self.metricsPath = metricsPath
            self.honorLabels = honorLabels
            self.security = security
        }
    }

    /// A `remote_read` entry for the generated `prometheus.yml`.
    public struct RemoteReadTarget: Sendable {
        /// The remote-read endpoint.
        public var url: String
        /// Whether queries whose range the local TSDB covers are also sent there (`read_recent`).
        public var readRecent: Bool
        /// TLS and basic auth (for an https URL), or `nil`.
        public var security: ClientSecurity?

        /// Creates a remote-read entry.
        /// - Parameters:
        ///   - url: the endpoint.
        ///   - readRecent: `read_recent`.
        ///   - security: TLS and basic auth, or `nil`.
        public init(url: String, readRecent: Bool, security: ClientSecurity? = nil) {
            self.url = url
            self.readRecent = readRecent
            self.security = security
        }
    }

    /// The port Prometheus listens on (127.0.0.1).
    public let port: Int
    /// The server's data directory.
    public let dataDirectory: URL
    /// The running server.
    public let process: ManagedProcess

    /// `http://127.0.0.1:port`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    /// The remote-read endpoint.
    public var remoteReadURL: String { "\(baseURL)/api/v1/read" }
    /// The remote-write receiver endpoint (enabled on every fixture).
    public var remoteWriteURL: String { "\(baseURL)/api/v1/write" }

    /// Runs `body` against a fresh Prometheus, stopping it afterwards whatever happens.
    /// - Parameters:
    ///   - history: series to pre-fill before start, or `nil`.
    ///   - openMetricsFile: an OpenMetrics file to pre-fill before start (as `history` is), or `nil`.
    ///   - scrapeTargets: jobs to scrape.
    ///   - remoteRead: `remote_read` entries.
    ///   - scrapeInterval: the global scrape interval, in Prometheus syntax.
    ///   - flags: extra command-line flags.
    ///   - port: the port to listen on; `nil` picks a free one.
    ///   - body: the test.
    /// - Returns: what `body` returns.
    /// - Throws: ``FixtureError`` when Prometheus cannot be set up, or what `body` throws.
    public static func with<T>(
        history: OpenMetricsHistory? = nil,
        openMetricsFile: URL? = nil,
        scrapeTargets: [ScrapeTarget] = [],
        remoteRead: [RemoteReadTarget] = [],
        scrapeInterval: String = "5s",
        flags: [String] = [],
        port requestedPort: Int? = nil,
        _ body: (PrometheusFixture) async throws -> T
    ) async throws -> T {
        try await with(
            configurationText: configuration(
                scrapeTargets: scrapeTargets, scrapeInterval: scrapeInterval, remoteRead: remoteRead),
            history: history, openMetricsFile: openMetricsFile, flags: flags, port: requestedPort, body)
    }

    /// Runs `body` against a fresh Prometheus that runs the given `prometheus.yml` text (say, the repository's own
    /// with its ports replaced), stopping it afterwards whatever happens.
    /// - Parameters:
    ///   - configurationText: the whole `prometheus.yml`; relative paths in it resolve against a temporary folder.
    ///   - history: series to pre-fill before start, or `nil`.
    ///   - openMetricsFile: an OpenMetrics file to pre-fill before start (as `history` is), or `nil`.
    ///   - flags: extra command-line flags.
    ///   - port: the port to listen on; `nil` picks a free one.
    ///   - body: the test.
    /// - Returns: what `body` returns.
    /// - Throws: ``FixtureError`` when Prometheus cannot be set up, or what `body` throws.
    public static func with<T>(
        configurationText: String,
        history: OpenMetricsHistory? = nil,
        openMetricsFile: URL? = nil,
        flags: [String] = [],
        port requestedPort: Int? = nil,
        _ body: (PrometheusFixture) async throws -> T
    ) async throws -> T {
        let prometheus = try TestBinaries.require(.prometheus)
        let directory = try TemporaryDirectory(prefix: "sibyl-prometheus")
        defer { directory.remove() }
        let data = directory.file("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        if let history {
            try prefill(data, with: history, scratch: directory)
        }
        if let openMetricsFile {
            try prefill(data, from: openMetricsFile, scratch: directory)
        }
        let config = directory.file("prometheus.yml")
        try configurationText.write(to: config, atomically: true, encoding: .utf8)

        return try await ManagedProcess.withServer(
            name: "Prometheus", executable: prometheus,
            arguments: { port in
                [
                    "--config.file=\(config.path)",
                    "--storage.tsdb.path=\(data.path)",
                    "--storage.tsdb.retention.time=3650d",
                    "--web.listen-address=127.0.0.1:\(port)",
                    "--web.enable-remote-write-receiver",
                    "--log.level=warn",
                ] + flags
            },
            readyPath: "/-/ready", logFile: directory.file("prometheus.log"), port: requestedPort
        ) { port, process in
            try await body(PrometheusFixture(port: port, dataDirectory: data, process: process))
        }
    }

    /// Writes `history` into `data` as TSDB blocks with promtool.
    static func prefill(_ data: URL, with history: OpenMetricsHistory, scratch: TemporaryDirectory) throws {
        let input = scratch.file("history.om")
        try history.text().write(to: input, atomically: true, encoding: .utf8)
        try prefill(data, from: input, scratch: scratch)
    }

    /// Writes the OpenMetrics file `input` into `data` as TSDB blocks with promtool.
    static func prefill(_ data: URL, from input: URL, scratch: TemporaryDirectory) throws {
        let promtool = try TestBinaries.require(.promtool)
        let tool = try ManagedProcess(
            executable: promtool,
            arguments: ["tsdb", "create-blocks-from", "openmetrics", input.path, data.path],
            logFile: scratch.file("promtool.log")
        )
        guard let status = tool.waitForExit(timeout: 120) else {
            tool.stop()
            throw FixtureError("promtool create-blocks-from timed out")
        }
        guard status == 0 else {
            throw FixtureError("promtool create-blocks-from exited \(status):\n\(tool.logTail(40))")
        }
    }

    /// The `prometheus.yml` for the given scrape targets and remote-read entries.
    static func configuration(
        scrapeTargets: [ScrapeTarget], scrapeInterval: String, remoteRead: [RemoteReadTarget] = []
    ) -> String {
        var text = "global:\n  scrape_interval: \(scrapeInterval)\n  evaluation_interval: \(scrapeInterval)\n"
        if !remoteRead.isEmpty {
            text += "remote_read:\n"
            for target in remoteRead {
                text += "  - url: \"\(target.url)\"\n    read_recent: \(target.readRecent)\n"
                text += target.security?.yaml(indent: "    ") ?? ""
            }
        }
        guard !scrapeTargets.isEmpty else { return text }
        text += "scrape_configs:\n"
        for target in scrapeTargets {
            text += """
                  - job_name: "\(target.job)"
                    metrics_path: "\(target.metricsPath)"
                    honor_labels: \(target.honorLabels)
                    static_configs:
                      - targets: ["\(target.address)"]

                """
            if let security = target.security {
                text += "    scheme: https\n" + security.yaml(indent: "    ")
            }
        }
        return text
    }
}
