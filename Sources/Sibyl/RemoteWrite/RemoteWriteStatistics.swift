package import SibylWire

/// One remote-write endpoint's counts, for its `sibyl_remote_write_*` series.
package struct RemoteWriteStatistics: Sendable, Hashable {
    /// Why samples never reach the endpoint: older than `queue.max_backlog` when their turn came, refused as too
    /// old, refused otherwise.
    package static let dropReasons = ["backlog", "too_old", "rejected"]

    /// Samples acknowledged.
    package var sent = 0
    /// Samples refused with an error that is not retried.
    package var failed = 0
    /// Samples sent again after a retryable failure.
    package var retried = 0
    /// Samples that will never arrive, by reason (``dropReasons``).
    package var dropped: [String: Int] = [:]
    /// Archived cycles not sent yet: the live ones newer than the cursor and the backfilled ones written after the
    /// backfill cursor.
    package var pendingCycles = 0
    /// The newest sample time acknowledged, in Unix milliseconds (0 before the first).
    package var highestSentTime: Int64 = 0
    /// Wall time of the last request, in seconds.
    package var lastSendDuration = 0.0
    /// The protocol the endpoint is spoken to now (`v1` or `v2`; `auto` settles on one of them).
    package var protocolVersion = "v1"

    /// Creates zeroed counts.
    package init() {}

    /// The `sibyl_remote_write_*` families of some endpoints, each series labelled with its endpoint's name.
    /// - Parameter endpoints: the endpoints' names and counts.
    /// - Returns: the families, empty without endpoints.
    package static func families(_ endpoints: [(name: String, statistics: RemoteWriteStatistics)]) -> [MetricFamily] {
        guard !endpoints.isEmpty else { return [] }
        typealias Families = SelfMonitoringFamilies
        func family(
            _ descriptor: FamilyDescriptor, _ value: (RemoteWriteStatistics) -> Double
        ) -> MetricFamily {
            descriptor.family(
                endpoints.compactMap { endpoint in
                    (try? RenderedLabels([(name: "endpoint", value: endpoint.name)]))
                        .map { ($0, value(endpoint.statistics)) }
                })
        }
        var dropped: [(RenderedLabels, Double)] = []
        for endpoint in endpoints {
            for reason in dropReasons {
                guard
                    let labels = try? RenderedLabels([
                        (name: "endpoint", value: endpoint.name), (name: "reason", value: reason),
                    ])
                else { continue }
                dropped.append((labels, Double(endpoint.statistics.dropped[reason] ?? 0)))
            }
        }
        return [
            family(Families.remoteWriteSamples) { Double($0.sent) },
            family(Families.remoteWriteFailedSamples) { Double($0.failed) },
            family(Families.remoteWriteRetriedSamples) { Double($0.retried) },
            Families.remoteWriteDroppedSamples.family(dropped),
            family(Families.remoteWritePendingCycles) { Double($0.pendingCycles) },
            family(Families.remoteWriteHighestSentTimestamp) { Double($0.highestSentTime) / 1000 },
            family(Families.remoteWriteSendDuration) { $0.lastSendDuration },
        ]
    }
}
