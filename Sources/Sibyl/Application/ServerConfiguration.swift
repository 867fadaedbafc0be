#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where Sibyl's HTTP server listens, what it serves, and how many connections it keeps.
public struct ServerConfiguration: Sendable {
    /// The host to bind (`0.0.0.0` for every interface).
    public var host: String
    /// The port (0 picks a free one).
    public var port: Int
    /// The path of the exposition.
    public var telemetryPath: String
    /// How long a connection may stay without reading or writing before it is closed: an idle or stalled client
    /// gives its socket back instead of holding it.
    public var idleTimeout: Duration
    /// The most connections open at once. A new connection that reaches it closes the one that has waited longest
    /// outside a request (idle, or slow to send its request), so slow clients never keep a scrape waiting. Never
    /// more than the process' open-file limit leaves room for (the archive, the source's connections).
    public var maxConnections: Int
    /// The web config file in force (TLS, basic auth, headers), if any.
    package var webSecurity: WebSecurity?

    /// Creates a server configuration.
    /// - Parameters:
    ///   - host: the host to bind.
    ///   - telemetryPath: the path of the exposition.
    public init(
        host: String = "0.0.0.0", port: Int = 9798, telemetryPath: String = "/metrics",
        idleTimeout: Duration = .seconds(30), maxConnections: Int = 512
    ) {
        self.host = host
        self.port = port
        self.telemetryPath = telemetryPath
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
    }

    /// ``maxConnections``, lowered to the open-file limit minus a reserve of 64 descriptors for everything else.
    var connectionLimit: Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < rlim_t(Int.max) else {
            return maxConnections
        }
        return max(1, min(maxConnections, Int(clamping: limit.rlim_cur) - 64))
    }
}
