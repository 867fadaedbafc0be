public import SibylWire

/// Everything one evaluation cycle changes: the series store, the derived-series builder, the
/// self-monitoring counters and the read position, with ``runCycle(at:client:)`` as the one step.
public struct EvaluationState: Sendable {
    /// What a cycle reads and computes.
    public struct Configuration: Sendable {
        /// One remote-read query per selector (its matchers).
        public var selectors: [[LabelMatcher]]
        /// Window lengths in milliseconds, ascending; the longest is kept in memory.
        public var windows: [Int64]
        /// The most series held.
        public var maxSeries: Int
        /// How far each incremental read reaches back before the previous read's end, for late samples.
        public var overlap: Int64

        /// Creates a configuration.
        /// - Parameters:
        ///   - selectors: one matcher list per selector.
        ///   - windows: window lengths in milliseconds.
        ///   - maxSeries: the most series held.
        ///   - overlap: milliseconds re-read before the previous end.
        public init(selectors: [[LabelMatcher]], windows: [Int64], maxSeries: Int = 20_000, overlap: Int64 = 30_000) {
            self.selectors = selectors
            self.windows = windows.sorted()
            self.maxSeries = maxSeries
            self.overlap = overlap
        }

        /// The longest window, in milliseconds.
        public var longestWindow: Int64 { windows.last ?? 0 }
    }

    /// How a cycle ended.
    public enum Outcome: Sendable, Equatable {
        /// Read and evaluated; the new results are published.
        case succeeded
        /// The read failed for this bounded reason; the previous results stay published.
        case failed(reason: String)
    }

    /// The configuration.
    public let configuration: Configuration
    /// The source series.
    public private(set) var store: SeriesStore
    /// Self-monitoring counters.
    public private(set) var metrics = SelfMetrics()
    /// The families of the last successful cycle.
    public private(set) var derivedFamilies: [MetricFamily] = []
    private var derived: DerivedSeries
    private var lastReadEnd: Int64?

    /// Creates the state before the first cycle.
    /// - Parameter configuration: what to read and compute.
    public init(configuration: Configuration) {
        self.configuration = configuration
        self.store = SeriesStore(maxSeries: configuration.maxSeries)
        self.derived = DerivedSeries(windows: configuration.windows)
    }

    /// The queries of the next cycle at time `now`: the longest window first, then only what is new.
    /// - Parameter now: the evaluation time T in milliseconds.
    /// - Returns: one query per selector.
    public func queries(at now: Int64) -> [RemoteReadQuery] {
        let start = lastReadEnd.map { max(now - configuration.longestWindow, $0 - configuration.overlap) }
            ?? now - configuration.longestWindow
        return configuration.selectors.map { RemoteReadQuery(start: start + 1, end: now, matchers: $0) }
    }

    /// Reads what is new, updates the store, computes the statistics and the derived families.
    /// - Parameters:
    ///   - now: the evaluation time T in milliseconds.
    ///   - client: the remote-read client.
    /// - Returns: how the cycle ended.
    public mutating func runCycle(at now: Int64, client: RemoteReadClient) async -> Outcome {
        let clock = ContinuousClock()
        let started = clock.now
        defer {
            let elapsed = clock.now - started
            metrics.lastDuration = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            metrics.evaluations += 1
        }
        var store = self.store
        self.store = SeriesStore(maxSeries: configuration.maxSeries)  // one owner, so buffers append in place
        let refusedBefore = store.refusedSeries
        do {
            let summary = try await client.read(queries(at: now)) { store.ingest($0.series) }
            metrics.bytesRead += summary.bytes
            metrics.samplesRead += summary.samples
        } catch {
            // Keep what arrived before the failure: the next read starts at the same point and de-duplicates.
            self.store = store
            let reason = (error as? RemoteReadError)?.shortDescription ?? "internal"
            metrics.failures[reason, default: 0] += 1
            metrics.sourceUp = false
            return .failed(reason: reason)
        }
        metrics.sourceUp = true
        lastReadEnd = now
        let expired = store.expire(now: now, retention: configuration.longestWindow)
        if !expired.isEmpty { metrics.dropped["stale", default: 0] += expired.count }
        let refused = store.refusedSeries - refusedBefore
        if refused > 0 { metrics.dropped["limit", default: 0] += refused }
        self.store = store
        let statistics = await Evaluator(windows: configuration.windows).evaluate(store, at: now)
        derivedFamilies = derived.families(for: statistics)
        metrics.series = store.count
        metrics.lastEvaluation = now
        return .succeeded
    }

    /// The whole exposition: the last successful cycle's families and the current self-monitoring.
    /// - Returns: the rendered body.
    public func render() -> [UInt8] {
        (try? ExpositionWriter().render(derivedFamilies + metrics.families())) ?? []
    }
}
