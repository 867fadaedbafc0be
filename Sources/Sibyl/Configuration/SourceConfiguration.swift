package import SibylWire

/// Where Sibyl reads its series from: one remote-read endpoint (the `source` section).
package struct SourceConfiguration: Sendable, Hashable {
    /// The remote-read endpoint, an absolute `http` or `https` URL (Prometheus, Mimir, Cortex, Thanos, …).
    package var url: String
    /// How long one read may take before it is abandoned (default 30s).
    package var timeout: PrometheusDuration
    /// The response type to ask for (default streamed XOR chunks; `samples` for endpoints that lack it).
    package var responseType: RemoteReadResponseType
    /// Headers, `basic_auth`, `authorization` and `tls_config` for the source.
    package var client = HTTPClientSettings()

    /// Creates a source configuration.
    /// - Parameters:
    ///   - url: the remote-read endpoint (default a local Prometheus).
    ///   - timeout: the time limit of one read.
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
