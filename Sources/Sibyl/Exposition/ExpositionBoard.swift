import Synchronization
public import SibylWire

/// Collects the latest families of every producer (the cycle, the metadata and forecast runs, the objectives) and
/// renders the whole exposition into the ``ExpositionPublisher`` whenever one of them changes.
public final class ExpositionBoard: Sendable {
    /// A producer of families; each replaces only its own.
    public enum Part: Int, Sendable, CaseIterable {
        /// `sibyl_window_*`.
        case windows
        /// `sibyl_adf_*`, `sibyl_acf`, `sibyl_seasonal_*`, `sibyl_stationary`.
        case metadata
        /// `sibyl_forecast_*`.
        case forecasts
        /// `sibyl_slo_*`.
        case objectives
        /// The cycle's self-monitoring.
        case selfMonitoring
    }

    private struct State {
        var parts: [[MetricFamily]] = Array(repeating: [], count: Part.allCases.count)
        var analysis = AnalysisMetrics()
        var cycle = SelfMetrics()
        var selfMonitoring: [@Sendable () -> [MetricFamily]] = []
    }

    /// Receives, after each successful cycle, its evaluation time (ms), its duration (s) and every family the
    /// exposition then shows (the archive writes them).
    public typealias CycleObserver = @Sendable (_ time: Int64, _ duration: Double, _ families: [MetricFamily]) -> Void

    private let state = Mutex(State())
    /// Where the rendered exposition goes.
    public let publisher: ExpositionPublisher
    private let cycleObserver: CycleObserver?

    /// Creates a board publishing to `publisher`.
    /// - Parameters:
    ///   - publisher: the exposition served on `/metrics`.
    ///   - cycleObserver: called with what `/metrics` shows after each successful cycle; it must not block.
    public init(publisher: ExpositionPublisher, cycleObserver: CycleObserver? = nil) {
        self.publisher = publisher
        self.cycleObserver = cycleObserver
    }

    /// Replaces the families of some parts and republishes.
    /// - Parameters:
    ///   - parts: the new families by part.
    ///   - run: an analysis run to add to the self-monitoring.
    ///   - succeeded: whether this is a successful cycle (marks the publisher ready).
    ///   - cycle: the evaluation time (ms) and duration (s) of the successful cycle this update publishes, if any.
    ///   - metrics: the evaluation loop's self-monitoring after the cycle this update publishes, if any.
    public func update(
        _ parts: [Part: [MetricFamily]], run: AnalysisMetrics.Run? = nil, succeeded: Bool = false,
        cycle: (time: Int64, duration: Double)? = nil, metrics: SelfMetrics? = nil
    ) {
        let all = state.withLock { state -> [MetricFamily] in
            if let metrics { state.cycle = metrics }
            for (part, families) in parts { state.parts[part.rawValue] = families }
            if let run { state.analysis.record(run) }
            let all = state.parts.flatMap { $0 } + state.analysis.families() + state.selfMonitoring.flatMap { $0() }
            let body = (try? ExpositionWriter().render(all)) ?? []
            publisher.publish(body, succeeded: succeeded)
            return all
        }
        if let cycle, let cycleObserver { cycleObserver(cycle.time, cycle.duration, all) }
    }

    /// Adds a source of self-monitoring families (the archive's), asked at every render.
    /// - Parameter families: returns the families; it must be cheap and not block.
    public func addSelfMonitoring(_ families: @escaping @Sendable () -> [MetricFamily]) {
        state.withLock { $0.selfMonitoring.append(families) }
    }

    /// The evaluation loop's self-monitoring as of its last update.
    public var cycleMetrics: SelfMetrics { state.withLock { $0.cycle } }

    /// The self-monitoring of the analyses so far.
    public var analysisMetrics: AnalysisMetrics { state.withLock { $0.analysis } }
}
