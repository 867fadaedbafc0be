/// Where Sibyl's HTTP server listens and what it serves.
public struct ServerConfiguration: Sendable {
    /// The host to bind (`0.0.0.0` for every interface).
    public var host: String
    /// The port (0 picks a free one).
    public var port: Int
    /// The path of the exposition.
    public var telemetryPath: String

    /// Creates a server configuration.
    /// - Parameters:
    ///   - host: the host to bind.
    ///   - telemetryPath: the path of the exposition.
    public init(host: String = "0.0.0.0", port: Int = 9798, telemetryPath: String = "/metrics") {
        self.host = host
        self.port = port
        self.telemetryPath = telemetryPath
    }
}
