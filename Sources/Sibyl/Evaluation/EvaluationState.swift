import SibylAnalysis
package import SibylWire

/// Everything one evaluation cycle changes: the series store, the derived-series builder, the
/// self-monitoring counters and the read position, with ``runCycle(at:client:extraSelectors:)`` as the one step.
package struct EvaluationState: Sendable {
    /// What a cycle reads and computes.
    package struct Configuration: Sendable {
        /// One remote-read query per selector (its matchers).
        package var selectors: [[LabelMatcher]]
        /// Window lengths in milliseconds, ascending; the longest is kept in memory.
        package var windows: [Int64]
        /// The most series held.
        package var maxSeries: Int
        /// The most bytes the series store may take, `nil` for no bound.
        package var maxBytes: Int?
        /// How far each incremental read reaches back before the previous read's end, for late samples.
        package var overlap: Int64
        /// `analysis.histograms.quantiles` and `thresholds`, for the native-histogram series.
        package var histogramQuantiles: [Double] = [0.5, 0.9, 0.99]
        package var histogramThresholds: [Double] = []
        /// The series this shard owns, `nil` when unsharded.
        package var shard: ShardFilter?
        /// How often a sharded read asks each selector for all its series (and keeps the owned ones), to find new
        /// series; in between it asks for the owned ones only. Milliseconds.
        package var shardRefresh: Int64 = 600_000

        /// Creates a configuration.
        /// - Parameters:
        ///   - selectors: one matcher list per selector.
        ///   - windows: window lengths in milliseconds.
        ///   - maxSeries: the most series held.
        ///   - overlap: milliseconds re-read before the previous end.
        package init(selectors: [[LabelMatcher]], windows: [Int64], maxSeries: Int = 20_000, overlap: Int64 = 30_000) {
            self.selectors = selectors
            self.windows = windows.sorted()
            self.maxSeries = maxSeries
            self.overlap = overlap
        }

        /// The longest window, in milliseconds.
        package var longestWindow: Int64 { windows.last ?? 0 }
    }

    /// How a cycle ended.
    package enum Outcome: Sendable, Equatable {
        /// Read and evaluated; the new results are published.
        case succeeded
        /// The read failed for this bounded reason; the previous results stay published.
        case failed(reason: String)
        /// Shutdown (or the task's cancellation) ended the read: not a failure of the source, so nothing is counted.
        case cancelled
    }

    /// The configuration.
    package let configuration: Configuration
    /// The source series with float samples.
    package private(set) var store: SeriesStore
    /// The source series with native histogram samples, kept for the histogram analyses; the float analyses never
    /// see them.
    package private(set) var histograms: HistogramStore
    /// Self-monitoring counters.
    package private(set) var metrics = SelfMetrics()
    /// The families of the last successful cycle.
    package private(set) var derivedFamilies: [MetricFamily] = []
    /// The series the last successful cycle removed because they collided with another, not removed the cycle
    /// before: the ones to log.
    package private(set) var newCollisions: [SeriesStore.Collision] = []
    /// The label sets the last successful cycle removed as collisions, so that a series that keeps colliding
    /// (each read brings it back) is counted and logged once.
    private var collided: Set<[Label]> = []
    /// The series the last successful read refused because two of their own label names escape to the same name
    /// (`a.b` and `a_b`), not refused the cycle before: the ones to log.
    package private(set) var newNameCollisions: [[Label]] = []
    /// The label sets the last successful read refused so, counted and logged once as ``collided`` is.
    private var nameCollided: Set<[Label]> = []
    /// The series the last cycle's read dropped for a chunk it could not decode, not logged before: the ones to log.
    package private(set) var newUndecodable: [StreamedResponseDecoder.DroppedSeries] = []
    /// The series and reasons already logged as undecodable, so that each is logged once.
    private var loggedUndecodable: Set<UndecodableKey> = []
    private var derived: WindowSeries
    /// Per selector, the end of its last successful read.
    private var lastReadEnds: [[LabelMatcher]: Int64] = [:]
    /// Sharded: per selector, the source-label values of the owned series its last whole read found, and when.
    private var ownedKeys: [[LabelMatcher]: (keys: Set<[String]>, time: Int64)] = [:]

    /// Creates the state before the first cycle.
    /// - Parameter configuration: what to read and compute.
    package init(configuration: Configuration) {
        self.configuration = configuration
        self.store = SeriesStore(maxSeries: configuration.maxSeries, maxBytes: configuration.maxBytes)
        self.histograms = HistogramStore(maxSeries: configuration.maxSeries)
        self.derived = WindowSeries(windows: configuration.windows)
        self.metrics.shard = configuration.shard
    }

    /// A series and why it could not be decoded.
    private struct UndecodableKey: Hashable {
        var labels: [Label]
        var reason: SeriesDropReason
    }

    /// Remembers the series the read dropped for a chunk it could not decode; those not logged before become
    /// ``newUndecodable``.
    private mutating func noteUndecodable(_ dropped: [StreamedResponseDecoder.DroppedSeries]) {
        // Bounded: once as many series as the store holds were logged, start over (and log them again).
        if loggedUndecodable.count > configuration.maxSeries { loggedUndecodable = [] }
        newUndecodable = dropped.filter { series in
            loggedUndecodable.insert(UndecodableKey(labels: series.labels, reason: series.reason)).inserted
        }
    }

    /// The queries of the next cycle at time `now`: per selector, the longest window the first time, then only
    /// what is new.
    /// - Parameters:
    ///   - now: the evaluation time T in milliseconds.
    ///   - extra: selectors read beside the configured ones (the objectives'), repeats left out.
    /// - Returns: one query per selector.
    package func queries(at now: Int64, extra: [[LabelMatcher]] = []) -> [RemoteReadQuery] {
        selectors(extra).flatMap { selector in
            let start =
                lastReadEnds[selector].map { max(now - configuration.longestWindow, $0 - configuration.overlap) }
                ?? now - configuration.longestWindow
            guard let shard = configuration.shard, let owned = narrowedKeys(of: selector, at: now) else {
                return [RemoteReadQuery(start: start + 1, end: now, matchers: selector)]
            }
            return shard.selectors(narrowing: selector, to: owned).map {
                RemoteReadQuery(start: start + 1, end: now, matchers: $0)
            }
        }
    }

    /// Sharded: the owned keys to ask `selector` for at `now`, or `nil` when it is read whole (never read whole
    /// before, or its last whole read is ``Configuration/shardRefresh`` old).
    private func narrowedKeys(of selector: [LabelMatcher], at now: Int64) -> Set<[String]>? {
        guard configuration.shard != nil, let owned = ownedKeys[selector],
            now - owned.time < configuration.shardRefresh
        else { return nil }
        return owned.keys
    }

    /// The configured selectors, then those of `extra` not among them.
    private func selectors(_ extra: [[LabelMatcher]]) -> [[LabelMatcher]] {
        var all = configuration.selectors
        for selector in extra where !all.contains(selector) { all.append(selector) }
        return all
    }

    /// Reads what is new, updates the store, computes the statistics and the derived families.
    ///
    /// Series that no selector matches any more (an objective was deleted) leave the store, and so do those whose
    /// derived labels equal those of a series sorting before them (``SourceLabels/collisionKey(_:)``).
    /// - Parameters:
    ///   - now: the evaluation time T in milliseconds.
    ///   - client: the source.
    ///   - extraSelectors: selectors read beside the configured ones (the objectives').
    /// - Returns: how the cycle ended.
    package mutating func runCycle(
        at now: Int64, client: any SeriesSource, extraSelectors: [[LabelMatcher]] = []
    ) async -> Outcome {
        let clock = ContinuousClock()
        let started = clock.now
        defer {
            let elapsed = clock.now - started
            metrics.lastDuration = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            metrics.evaluations += 1
        }
        var store = self.store
        self.store = SeriesStore(maxSeries: 0)  // one owner, so buffers append in place
        var histograms = self.histograms
        self.histograms = HistogramStore(maxSeries: configuration.maxSeries)
        defer { self.histograms = histograms }
        let refusedBefore = store.refusedSeries + histograms.refusedSeries
        let refusedForBytesBefore = store.refusedForBytes
        var undecodable: [StreamedResponseDecoder.DroppedSeries] = []
        newUndecodable = []
        let wholeReads = selectors(extraSelectors).filter { narrowedKeys(of: $0, at: now) == nil }
        var foundKeys = ShardKeyCollector(shard: configuration.shard, selectors: wholeReads)
        do {
            var unexposable = 0
            var nameCollisions: Set<[Label]> = []
            let summary = try await client.readSeries(
                queries(at: now, extra: extraSelectors),
                onDropped: { dropped in
                    if dropped.reason == .unsupportedEncoding || dropped.reason == .corruptChunk {
                        undecodable.append(dropped)
                    }
                }
            ) { received in
                // A series whose labels cannot be written to /metrics is counted here, not skipped at exposition.
                let series = received.series
                // Sharded: another shard's series is never stored.
                guard foundKeys.owns(series.labels) else { return }
                switch SourceLabels.refusal(series.labels) {
                case nil:
                    if !series.histograms.isEmpty { histograms.ingest(series.labels, series.histograms) }
                    // A series of native histograms only never reaches the float analyses.
                    if !series.samples.isEmpty || series.histograms.isEmpty {
                        _ = store.ingest(series, chunks: received.xorChunks)
                    }
                case .labelCollision: nameCollisions.insert(series.labels)
                case .invalidLabelName: unexposable += 1
                }
            }
            noteUndecodable(undecodable)
            metrics.bytesRead += summary.bytes
            metrics.samplesRead += summary.samples
            metrics.dropped.merge(summary.dropped, uniquingKeysWith: +)
            if unexposable > 0 { metrics.dropped["invalid_label_name", default: 0] += unexposable }
            newNameCollisions = nameCollisions.subtracting(nameCollided).sorted { $0.lexicographicallyPrecedes($1) }
            nameCollided = nameCollisions
            if !newNameCollisions.isEmpty {
                metrics.dropped["label_collision", default: 0] += newNameCollisions.count
            }
        } catch {
            // Keep what arrived before the failure: the next read starts at the same point and de-duplicates.
            self.store = store
            if error is CancellationError { return .cancelled }
            let reason = (error as? RemoteReadError)?.shortDescription ?? "internal"
            metrics.failures[reason, default: 0] += 1
            metrics.sourceUp = false
            metrics.lastFailure = SelfMetrics.Failure(
                time: now, reason: reason, message: (error as? RemoteReadError)?.message ?? "\(error)")
            return .failed(reason: reason)
        }
        metrics.sourceUp = true
        let selectors = selectors(extraSelectors)
        if Set(selectors) != Set(lastReadEnds.keys), !lastReadEnds.isEmpty {
            let matchers = selectors.map { SeriesSelector($0).compiled() }
            let removed = store.retain { entry in matchers.contains { $0.matches(entry.labels) } }
            if removed > 0 { metrics.dropped["unselected", default: 0] += removed }
            histograms.retain { labels in matchers.contains { $0.matches(labels) } }
        }
        lastReadEnds = Dictionary(uniqueKeysWithValues: selectors.map { ($0, now) })
        if configuration.shard != nil {
            ownedKeys = ownedKeys.filter { selectors.contains($0.key) }
            for (selector, keys) in foundKeys.keys { ownedKeys[selector] = (keys, now) }
        }
        let expired = store.expire(now: now, retention: configuration.longestWindow)
        if !expired.isEmpty { metrics.dropped["stale", default: 0] += expired.count }
        histograms.expire(now: now, retention: configuration.longestWindow)
        let refusedForBytes = store.refusedForBytes - refusedForBytesBefore
        let refused = store.refusedSeries + histograms.refusedSeries - refusedBefore - refusedForBytes
        if refused > 0 { metrics.dropped["limit", default: 0] += refused }
        if refusedForBytes > 0 { metrics.dropped["limit_bytes", default: 0] += refusedForBytes }
        // Series that would give the same derived label set make the exposition writer fail: keep one.
        let collisions = store.removeCollisions(by: SourceLabels.collisionKey)
        newCollisions = collisions.filter { !collided.contains($0.dropped) }
        collided = Set(collisions.map(\.dropped))
        if !newCollisions.isEmpty { metrics.dropped["label_collision", default: 0] += newCollisions.count }
        self.store = store
        let statistics = await WindowEvaluator(windows: configuration.windows).evaluate(store, at: now)
        derivedFamilies = derived.families(for: statistics) + histogramFamilies(histograms, at: now)
        metrics.series = store.count + histograms.count
        metrics.storeBytes = store.bytes
        metrics.storeSamples = store.samples
        metrics.lastEvaluation = now
        return .succeeded
    }
}

extension EvaluationState {
    /// The `sibyl_histogram_*` families of the native-histogram series at `now` (stale markers left out).
    func histogramFamilies(_ histograms: HistogramStore, at now: Int64) -> [MetricFamily] {
        let builder = HistogramSeries(
            windows: configuration.windows, quantiles: configuration.histogramQuantiles,
            thresholds: configuration.histogramThresholds)
        let series = histograms.series.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { labels, samples in
            (
                labels: labels,
                samples: samples.filter { !$0.isStaleMarker }.map {
                    (time: $0.timestamp, histogram: FloatHistogram($0.histogram))
                }
            )
        }
        return builder.families(for: series, at: now)
    }
}
