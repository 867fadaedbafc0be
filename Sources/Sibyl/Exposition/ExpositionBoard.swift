package import SibylWire
import Synchronization

/// Collects the latest families of every producer (the cycle, the metadata and forecast runs, the objectives) and
/// renders the whole exposition into the ``ExpositionPublisher`` whenever one of them changes; after each successful
/// cycle it hands what `/metrics` then shows to the archive. While the results are stale (``Staleness``) it renders
/// only the self-monitoring.
package final class ExpositionBoard: Sendable {
    /// A producer of families; each replaces only its own.
    package enum Part: Sendable, Hashable, CaseIterable {
        /// `sibyl_window_*`.
        case windows
        /// `sibyl_adf_*`, `sibyl_acf`, `sibyl_seasonal_*`, `sibyl_stationary`.
        case metadata
        /// `sibyl_forecast_*`.
        case forecasts
        /// `sibyl_forecast_error`, `sibyl_forecast_interval_coverage`, `sibyl_anomaly*`: the forecasts scored.
        case forecastScores
        /// `sibyl_slo_*`.
        case objectives
        /// The cycle's self-monitoring.
        case selfMonitoring
    }

    private struct State {
        var parts: [Part: [MetricFamily]] = [:]
        var analysis = AnalysisMetrics()
        var cycle = SelfMetrics()
        var stale: Staleness?
    }

    private let state = Mutex(State())
    /// Where the rendered exposition goes; `nil` for a board that only collects families (the backfill's).
    package let publisher: ExpositionPublisher?
    /// Where each successful cycle's exposition is archived (and whose own health the exposition shows), if any.
    package let archive: ArchiveWriter?
    /// The remote-write senders, whose own health the exposition shows, if any.
    package let remoteWrite: RemoteWriteService?
    /// The backfill's progress, which the exposition shows, if a backfill runs.
    package let backfill: BackfillProgress?

    /// Creates a board publishing to `publisher` and, after each successful cycle, to `archive`.
    package init(
        publisher: ExpositionPublisher?, archive: ArchiveWriter? = nil, remoteWrite: RemoteWriteService? = nil,
        backfill: BackfillProgress? = nil
    ) {
        self.publisher = publisher
        self.archive = archive
        self.remoteWrite = remoteWrite
        self.backfill = backfill
    }

    /// Replaces the families of some parts and republishes.
    /// - Parameters:
    ///   - parts: the new families by part.
    ///   - run: an analysis run to add to the self-monitoring.
    ///   - succeeded: whether this is a successful cycle (marks the publisher ready).
    ///   - cycle: the evaluation time (ms) and duration (s) of the successful cycle this update publishes, if any.
    ///   - metrics: the evaluation loop's self-monitoring after the cycle this update publishes, if any.
    ///   - stale: withdraws every part but the self-monitoring until the next successful cycle; the parts keep
    ///     their families, so that the next success shows the analyses again without waiting for their next run.
    package func update(
        _ parts: [Part: [MetricFamily]], run: AnalysisMetrics.Run? = nil, succeeded: Bool = false,
        cycle: (time: Int64, duration: Double)? = nil, metrics: SelfMetrics? = nil, stale: Staleness? = nil
    ) {
        let all = state.withLock { state -> [MetricFamily] in
            if let metrics { state.cycle = metrics }
            for (part, families) in parts { state.parts[part] = families }
            if let run { state.analysis.record(run) }
            if succeeded {
                state.stale = nil
            } else if let stale {
                state.stale = stale
            }
            let shown = state.stale == nil ? Part.allCases : [.selfMonitoring]
            let all =
                shown.flatMap { state.parts[$0] ?? [] } + state.analysis.families() + (archive?.families() ?? [])
                + (remoteWrite?.families() ?? []) + (backfill?.families() ?? [])
            publisher?.publish(all, succeeded: succeeded, stale: state.stale)
            return all
        }
        if let cycle, let archive {
            archive.submit(CycleSnapshot(time: cycle.time, duration: cycle.duration, families: all))
        }
    }

    /// The families of every part but the self-monitoring, as their producers last set them.
    package var resultFamilies: [MetricFamily] {
        state.withLock { state in Part.allCases.filter { $0 != .selfMonitoring }.flatMap { state.parts[$0] ?? [] } }
    }

    /// The families of one part, as its producer last set them (withdrawn or not).
    /// - Parameter part: the producer.
    /// - Returns: its families, empty before its first update.
    package func families(of part: Part) -> [MetricFamily] {
        state.withLock { $0.parts[part] ?? [] }
    }

    /// Why the derived families are withdrawn, `nil` while they are served.
    package var staleness: Staleness? { state.withLock { $0.stale } }

    /// The evaluation loop's self-monitoring as of its last update.
    package var cycleMetrics: SelfMetrics { state.withLock { $0.cycle } }

    /// The self-monitoring of the analyses so far.
    package var analysisMetrics: AnalysisMetrics { state.withLock { $0.analysis } }
}
