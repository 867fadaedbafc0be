/// Where Sibyl serves its endpoints (the `web` section; the `--web.*` flags override it).
public struct WebConfiguration: Sendable, Hashable {
    /// The address to listen on (default `:9798`, every interface).
    public var listenAddress: ListenAddress
    /// The path of the exposition endpoint (default `/metrics`).
    public var telemetryPath: String

    /// Creates a web configuration.
    /// - Parameters:
    ///   - listenAddress: the address to listen on.
    ///   - telemetryPath: the path of the exposition endpoint.
    public init(
        listenAddress: ListenAddress = ListenAddress(host: "", port: 9798),
        telemetryPath: String = "/metrics"
    ) {
        self.listenAddress = listenAddress
        self.telemetryPath = telemetryPath
    }

    /// Whether `path` can be the telemetry path: it starts with `/` and holds no space, `?` or `#`.
    /// - Parameter path: the candidate path.
    /// - Returns: `true` when it is usable.
    public static func isValidTelemetryPath(_ path: String) -> Bool {
        path.hasPrefix("/") && !path.unicodeScalars.contains { $0 == "?" || $0 == "#" || $0.properties.isWhitespace }
    }
}
