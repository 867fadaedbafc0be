/// Where Sibyl serves its endpoints (the `web` section; the `--web.*` flags override it).
package struct WebConfiguration: Sendable, Hashable {
    /// The address to listen on (default `:9798`, every interface).
    package var listenAddress: ListenAddress
    /// The path of the exposition endpoint (default `/metrics`).
    package var telemetryPath: String
    /// The file holding the admin token that the mutating API calls (`PUT`, `DELETE`, `POST /api/v1/evaluate`)
    /// require as `Authorization: Bearer <token>` (default none).
    ///
    /// When it is set, the file wins and `SIBYL_ADMIN_TOKEN` is ignored; when it is not, the environment variable
    /// `SIBYL_ADMIN_TOKEN` gives the token; with neither, the mutating API is disabled (403). See ``AdminToken``.
    package var adminTokenFile: String?
    /// The most samples one `POST /api/v1/read` request may return in a SAMPLES response, over all its queries,
    /// as Prometheus' `--storage.remote.read-sample-limit` (default 5e7; 0 means no limit). A request over it is
    /// answered 400 `exceeded sample limit (N)`; streamed responses are bounded by their frame size instead.
    package var remoteReadSampleLimit: Int
    /// The most bytes a SAMPLES answer may take before compression (default 256 MiB): a request whose answer
    /// grows past it is answered 400, whatever its sample count.
    package var remoteReadMaxBytes = ByteSize(bytes: 256 * 1024 * 1024)
    /// The most `POST /api/v1/read` requests answered at once, as Prometheus' `--storage.remote.read-concurrent-limit`
    /// (default 10; 0 means no limit); one more is answered 503 rather than queued.
    package var remoteReadConcurrentLimit = 10
    /// How long a connection may stay idle (nothing read or written) before it is closed (default 30s).
    package var idleTimeout = PrometheusDuration(milliseconds: 30_000)
    /// The most connections open at once (default 512, lowered to the open-file limit's room).
    package var maxConnections = 512
    /// How long one call of the JSON API or one remote-read request may read the archive before it is answered
    /// 503 `timeout` (default 30s), as Prometheus' `--query.timeout`.
    package var queryTimeout = PrometheusDuration(milliseconds: 30_000)

    /// The default of ``remoteReadSampleLimit``, Prometheus' own.
    package static let defaultRemoteReadSampleLimit = 50_000_000

    /// Creates a web configuration.
    /// - Parameters:
    ///   - listenAddress: the address to listen on.
    ///   - telemetryPath: the path of the exposition endpoint.
    ///   - adminTokenFile: the file holding the admin token.
    ///   - remoteReadSampleLimit: the sample limit of a remote-read query (0: none).
    package init(
        listenAddress: ListenAddress = ListenAddress(host: "", port: 9798),
        telemetryPath: String = "/metrics",
        adminTokenFile: String? = nil,
        remoteReadSampleLimit: Int = defaultRemoteReadSampleLimit
    ) {
        self.listenAddress = listenAddress
        self.telemetryPath = telemetryPath
        self.adminTokenFile = adminTokenFile
        self.remoteReadSampleLimit = remoteReadSampleLimit
    }

    /// Whether `path` can be the telemetry path: it starts with `/` and holds no space, `?` or `#`.
    /// - Parameter path: the candidate path.
    /// - Returns: `true` when it is usable.
    package static func isValidTelemetryPath(_ path: String) -> Bool {
        path.hasPrefix("/") && !path.unicodeScalars.contains { $0 == "?" || $0 == "#" || $0.properties.isWhitespace }
    }
}
