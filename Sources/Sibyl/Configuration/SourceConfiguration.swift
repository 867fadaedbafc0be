package import SibylWire

/// Where Sibyl reads its series from: one remote-read endpoint or one VictoriaMetrics (the `source` section).
package struct SourceConfiguration: Sendable, Hashable {
    /// The API a source is read through.
    package enum Kind: String, Sendable, Hashable {
        /// Prometheus remote read (`POST /api/v1/read`): Prometheus, Thanos, Mimir, Cortex.
        case remoteRead = "remote_read"
        /// VictoriaMetrics' export API (`/api/v1/export`), under a base URL.
        case victoriaMetrics = "victoriametrics"
    }

    /// The API the source is read through (`type`, default remote read).
    package var kind: Kind = .remoteRead
    /// The remote-read endpoint, or VictoriaMetrics' base URL; an absolute `http` or `https` URL.
    package var url: String
    /// How long one request may take before it is abandoned (default 30s).
    package var timeout: PrometheusDuration
    /// The response type to ask for (default streamed XOR chunks; `samples` for endpoints that lack it).
    package var responseType: RemoteReadResponseType
    /// The longest range one request covers; a longer query is read in consecutive pieces. Zero: no limit.
    package var maxRangePerRequest = PrometheusDuration(milliseconds: 0)
    /// Headers, `basic_auth`, `authorization` and `tls_config` for the source.
    package var client = HTTPClientSettings()

    /// Creates a source configuration.
    /// - Parameters:
    ///   - url: the remote-read endpoint (default a local Prometheus).
    ///   - timeout: the time limit of one request.
    ///   - responseType: the response type to ask for.
    package init(
        url: String = "http://127.0.0.1:9090/api/v1/read",
        timeout: PrometheusDuration = PrometheusDuration(milliseconds: 30_000),
        responseType: RemoteReadResponseType = .streamedXORChunks
    ) {
        self.url = url
        self.timeout = timeout
        self.responseType = responseType
    }
}
