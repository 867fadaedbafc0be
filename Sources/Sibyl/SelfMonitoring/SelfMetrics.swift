package import SibylWire

/// Sibyl's own health, exposed beside the derived series like an exporter's self-monitoring.
package struct SelfMetrics: Sendable {
    /// Completed evaluation cycles, successful or not.
    package var evaluations = 0
    /// Failed cycles by bounded reason (`unreachable`, `http_500`, `truncated`, …).
    package var failures: [String: Int] = [:]
    /// Wall time of the last cycle in seconds.
    package var lastDuration = 0.0
    /// Series held after the last cycle.
    package var series = 0
    /// Bytes and samples of the series store.
    package var storeBytes = 0
    package var storeSamples = 0
    /// Series dropped, by reason (`limit`, `stale`, `unselected`, `label_collision`, `too_many_samples`,
    /// `unsupported_encoding`, `corrupt_chunk`, …).
    package var dropped: [String: Int] = [:]
    /// Samples read from the source.
    package var samplesRead = 0
    /// Response bytes read from the source.
    package var bytesRead = 0
    /// Whether the last read from the source succeeded.
    package var sourceUp = false
    /// The evaluation time T of the results served, in milliseconds (0 before the first success).
    package var lastEvaluation: Int64 = 0
    /// The shard this Sibyl is, `nil` when unsharded.
    package var shard: ShardFilter?
    /// The last failed read, `nil` until one fails (kept after the source recovers).
    package var lastFailure: Failure?

    /// A failed read from the source.
    package struct Failure: Sendable, Hashable {
        /// The evaluation time of the cycle that failed, in milliseconds.
        package var time: Int64
        /// The bounded reason (`unreachable`, `http_500`, …).
        package var reason: String
        /// What went wrong, as the client reported it.
        package var message: String

        /// Creates a failure.
        /// - Parameters:
        ///   - time: the cycle's evaluation time in milliseconds.
        ///   - reason: the bounded reason.
        ///   - message: the error message.
        package init(time: Int64, reason: String, message: String) {
            self.time = time
            self.reason = reason
            self.message = message
        }
    }

    /// The reasons a source series is dropped for: over `limits.max_series` or `limits.max_bytes`, no sample for the longest window,
    /// no longer selected, same derived labels as another series, a label name the exposition cannot carry, and the
    /// read's limits (``SeriesDropReason``).
    package static let dropReasons =
        ["limit", "limit_bytes", "stale", "unselected", "label_collision", "invalid_label_name"]
        + SeriesDropReason.allCases.map(\.rawValue)

    /// `counts` with every reason of `reasons` it lacks at 0.
    private static func zeroed(_ counts: [String: Int], _ reasons: [String]) -> [String: Int] {
        counts.merging(reasons.map { ($0, 0) }) { count, _ in count }
    }

    /// Creates zeroed metrics.
    package init() {}

    /// The self-monitoring families of the evaluation loop.
    /// - Returns: families ready for the exposition writer.
    package func families() -> [MetricFamily] {
        let buildLabels = (try? RenderedLabels([(name: "version", value: SibylVersion.version)])) ?? .empty
        typealias Families = SelfMonitoringFamilies
        // Unsharded, the one shard: index 0 of 1.
        let shardLabels = try? RenderedLabels([
            (name: "index", value: String(shard?.index ?? 0)), (name: "count", value: String(shard?.count ?? 1)),
        ])
        return [
            Families.shardInfo.family([(shardLabels ?? .empty, 1)]),
            Families.buildInfo.family([(buildLabels, 1)]),
            Families.evaluationDuration.family([(.empty, lastDuration)]),
            Families.evaluations.family([(.empty, Double(evaluations))]),
            // Every bounded reason starts at 0, so that `increase()` sees the first failure and dashboards have a series.
            Families.evaluationFailures.family(
                labelled: "reason", Self.zeroed(failures, RemoteReadError.boundedReasons)),
            Families.series.family([(.empty, Double(series))]),
            Families.seriesStoreBytes.family([(.empty, Double(storeBytes))]),
            Families.seriesStoreSamples.family([(.empty, Double(storeSamples))]),
            Families.seriesDropped.family(labelled: "reason", Self.zeroed(dropped, Self.dropReasons)),
            Families.sourceSamplesRead.family([(.empty, Double(samplesRead))]),
            Families.sourceBytesRead.family([(.empty, Double(bytesRead))]),
            Families.sourceUp.family([(.empty, sourceUp ? 1 : 0)]),
            Families.lastEvaluation.family([(.empty, Double(lastEvaluation) / 1000)]),
        ]
    }
}
