/// One endpoint that every archived cycle is sent to (an entry of the `remote_write` list), with Prometheus' field
/// names and defaults where Prometheus has them.
package struct RemoteWriteConfiguration: Sendable, Hashable {
    /// The remote-write protocol spoken to the endpoint.
    package enum ProtocolVersion: String, Sendable, Hashable {
        /// Remote write 1.0: `prometheus.WriteRequest`.
        case v1
        /// Remote write 2.0: `io.prometheus.write.v2.Request`.
        case v2
        /// 2.0, falling back to 1.0 when the receiver shows it lacks 2.0.
        case auto
    }

    /// How cycles are batched and retried (`queue`).
    package struct Queue: Sendable, Hashable {
        /// The most samples one request carries (default 2000).
        package var maxSamplesPerSend = 2000
        /// The longest a committed cycle waits before the sender looks for it (default 5s).
        package var batchSendDeadline = PrometheusDuration(milliseconds: 5000)
        /// The first retry's wait (default 30ms); each retry doubles it.
        package var minBackoff = PrometheusDuration(milliseconds: 30)
        /// The longest wait between retries, `Retry-After` included (default 5s).
        package var maxBackoff = PrometheusDuration(milliseconds: 5000)
        /// How far back, from the newest archived cycle, missed cycles are still sent (default 1h).
        package var maxBacklog = PrometheusDuration(milliseconds: 3_600_000)

        package init() {}
    }

    /// The receiver's URL, an absolute `http` or `https` URL.
    package var url: String
    /// The endpoint's name in metrics, logs and the archive's cursor (`name`, default the URL).
    package var name: String
    /// How long one request may take (default 30s).
    package var timeout = PrometheusDuration(milliseconds: 30_000)
    /// The protocol (default `v1`).
    package var protocolVersion = ProtocolVersion.v1
    /// Batching and retries.
    package var queue = Queue()
    /// Headers, `basic_auth`, `authorization` and `tls_config`.
    package var client = HTTPClientSettings()

    /// Creates an endpoint named after its URL.
    /// - Parameters:
    ///   - url: the receiver's URL.
    ///   - name: the endpoint's name; the URL when `nil`.
    package init(url: String, name: String? = nil) {
        self.url = url
        self.name = name ?? url
    }
}
