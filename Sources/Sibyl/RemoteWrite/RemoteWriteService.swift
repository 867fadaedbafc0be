import AsyncHTTPClient
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
        endpoints = try configurations.enumerated().map { index, configuration in
            let client: HTTPClient
            do {
                client = try SourceHTTPClients.client(for: configuration.client.tls)
            } catch var error as SourceHTTPClients.TLSFileError {
                error.section = "remote_write[\(index)]"
                throw error
            }
            return RemoteWriteEndpoint(configuration: configuration, store: store, httpClient: client, logger: logger)
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
