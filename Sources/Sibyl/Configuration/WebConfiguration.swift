/// Where Sibyl serves its endpoints (the `web` section; the `--web.*` flags override it).
public struct WebConfiguration: Sendable, Hashable {
    /// The address to listen on (default `:9798`, every interface).
    public var listenAddress: ListenAddress
    /// The path of the exposition endpoint (default `/metrics`).
    public var telemetryPath: String
    /// The file holding the admin token that the mutating API calls (`PUT`, `DELETE`, `POST /api/v1/evaluate`)
    /// require as `Authorization: Bearer <token>` (default none).
    ///
    /// When it is set, the file wins and `SIBYL_ADMIN_TOKEN` is ignored; when it is not, the environment variable
    /// `SIBYL_ADMIN_TOKEN` gives the token; with neither, the mutating API is disabled (403). See ``AdminToken``.
    public var adminTokenFile: String?

    /// Creates a web configuration.
    /// - Parameters:
    ///   - listenAddress: the address to listen on.
    ///   - telemetryPath: the path of the exposition endpoint.
    ///   - adminTokenFile: the file holding the admin token.
    public init(
        listenAddress: ListenAddress = ListenAddress(host: "", port: 9798),
        telemetryPath: String = "/metrics",
        adminTokenFile: String? = nil
    ) {
        self.listenAddress = listenAddress
        self.telemetryPath = telemetryPath
        self.adminTokenFile = adminTokenFile
    }

    /// Whether `path` can be the telemetry path: it starts with `/` and holds no space, `?` or `#`.
    /// - Parameter path: the candidate path.
    /// - Returns: `true` when it is usable.
    public static func isValidTelemetryPath(_ path: String) -> Bool {
        path.hasPrefix("/") && !path.unicodeScalars.contains { $0 == "?" || $0 == "#" || $0.properties.isWhitespace }
    }
}
