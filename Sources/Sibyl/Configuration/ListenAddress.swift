/// A `host:port` to listen on, in Go's `net.Listen` syntax as node_exporter's `--web.listen-address` takes it.
///
/// `:9798` is port 9798 on every interface; `127.0.0.1:9798`, `[::1]:9798` and `localhost:0` (any free port)
/// name one host. `description` gives the text back (`[::1]:9798` keeps its brackets).
package struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The host name or IP address without brackets; empty for every interface.
    package var host: String
    /// The TCP port, 0...65535 (0 lets the system choose).
    package var port: Int

    /// Creates an address.
    /// - Parameters:
    ///   - host: the host or IP address without brackets; empty for every interface.
    ///   - port: the TCP port.
    package init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port`, `:port` or `[ipv6]:port`; `nil` for anything else.
    /// - Parameter text: the address text.
    package init?(parsing text: String) {
        let scalars = Array(text.unicodeScalars)
        let hostScalars: ArraySlice<Unicode.Scalar>
        let portScalars: ArraySlice<Unicode.Scalar>
        if scalars.first == "[" {
            guard let close = scalars.firstIndex(of: "]"), close + 1 < scalars.count, scalars[close + 1] == ":" else {
                return nil
            }
            hostScalars = scalars[1..<close]
            portScalars = scalars[(close + 2)...]
            guard hostScalars.contains(":") else { return nil }
        } else {
            guard let colon = scalars.lastIndex(of: ":") else { return nil }
            hostScalars = scalars[..<colon]
            portScalars = scalars[(colon + 1)...]
            guard !hostScalars.contains(":") else { return nil }
        }
        let forbidden: Set<Unicode.Scalar> = ["[", "]", "/", "?", "#", "@"]
        guard !hostScalars.contains(where: { forbidden.contains($0) || $0.properties.isWhitespace }) else { return nil }
        guard (1...5).contains(portScalars.count), portScalars.allSatisfy({ ("0"..."9").contains($0) }) else {
            return nil
        }
        let port = portScalars.reduce(0) { $0 * 10 + Int($1.value - 48) }
        guard port <= 65_535 else { return nil }
        self.host = String(String.UnicodeScalarView(hostScalars))
        self.port = port
    }

    /// Whether the address listens on every interface (an empty host).
    package var isAnyHost: Bool { host.isEmpty }

    /// The host to bind: `0.0.0.0` for every interface, else ``host``.
    package var bindHost: String { host.isEmpty ? "0.0.0.0" : host }

    /// `host:port`, with brackets around an IPv6 host; `:port` for every interface.
    package var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
