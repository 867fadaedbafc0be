package import Logging
import ServiceLifecycle
package import SibylWire

/// Runs the sender of every `remote_write` endpoint, each on its own task, until graceful shutdown.
///
/// A request in flight at shutdown is abandoned, and its cycles stay after the endpoint's cursor, to be sent at
/// the next start.
package final class RemoteWriteService: Service, Sendable {
    /// The endpoints' senders, in the configuration's order.
    package let endpoints: [RemoteWriteEndpoint]

    /// Creates the senders.
    /// - Parameters:
    ///   - configurations: the `remote_write` entries.
    ///   - store: the archive's cycles.
    /// - Throws: ``SourceHTTPClients/TLSFileError`` when an endpoint's TLS file cannot be loaded.
    package init(_ configurations: [RemoteWriteConfiguration], store: ResultStore, logger: Logger) throws {
        endpoints = try configurations.map { configuration in
            RemoteWriteEndpoint(
                configuration: configuration, store: store,
                httpClient: try SourceHTTPClients.client(for: configuration.client.tls), logger: logger)
        }
    }

    /// Sends until graceful shutdown or cancellation.
    package func run() async {
        let endpoints = endpoints
        // A service that returns ends the group: without endpoints, wait for the shutdown.
        guard !endpoints.isEmpty else {
            try? await gracefulShutdown()
            return
        }
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for endpoint in endpoints {
                    group.addTask { await endpoint.run() }
                }
            }
        }
    }

    /// The `sibyl_remote_write_*` self-monitoring families; empty without endpoints.
    package func families() -> [MetricFamily] {
        RemoteWriteStatistics.families(endpoints.map { ($0.configuration.name, $0.statistics) })
    }
}
