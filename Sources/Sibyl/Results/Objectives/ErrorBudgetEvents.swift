package import SibylAnalysis
package import SibylWire

/// Counts a budgeted objective's good and total events over the span since its previous judgement, per indicator
/// group.
///
/// - A range objective counts time: per series (and, with `divide_by`, per ratio series) the seconds its samples
///   cover in the span and those inside the range, as ``WindowCompliance`` measures a window (a rate objective on
///   the counter's rate).
/// - A ratio objective counts requests: per value of its `by` labels, the increase of the matching `total`
///   counters and of the `errors` (or `good`) counters over the span (``CounterIncrease``: PromQL's counter-reset
///   rule, no extrapolation, so that consecutive spans add up to any longer window exactly).
///
/// A span ends two steps before the judgement (``end(at:)``), so that the samples of scrapes still under way have
/// arrived: a sample that reached the store after the span was counted would be lost to it. The first judgement of
/// an objective counts one evaluation interval; a span is never longer than the longest evaluation window, the
/// history the store holds.
package struct ErrorBudgetEvents: Sendable {
    /// Selects and transforms the objectives' series.
    package let evaluator: ObjectiveEvaluator
    /// The span of an objective's first judgement: the evaluation interval, in milliseconds.
    package let firstSpan: Int64
    /// The longest span: the longest evaluation window, in milliseconds.
    package let longestSpan: Int64

    /// Creates a counter.
    package init(evaluator: ObjectiveEvaluator, firstSpan: Int64, longestSpan: Int64) {
        self.evaluator = evaluator
        self.firstSpan = firstSpan
        self.longestSpan = longestSpan
    }

    /// Where the span of a judgement at `time` ends: two steps before it.
    package func end(at time: Int64) -> Int64 { time - 2 * evaluator.step }

    /// The events of `specification` in `(since, end]` (or its first span), by group labels.
    package func events(
        of specification: ObjectiveSpecification, in store: SeriesStore, histograms: HistogramStore,
        since last: Int64?, until time: Int64
    ) -> [[Label]: SLIEvents] {
        let start = max(last ?? (time - firstSpan), time - longestSpan)
        guard time > start else { return [:] }
        if let ratio = specification.ratio { return events(of: ratio, by: specification.by, in: store, start, time) }
        if let latency = specification.latency {
            return events(of: latency, by: specification.by, in: store, histograms, start, time)
        }
        guard let range = specification.range else { return [:] }
        let step = evaluator.step
        var events: [[Label]: SLIEvents] = [:]
        for entry in evaluator.selection(of: specification, in: store).entries {
            let values = evaluator.judged(entry, specification, at: time, length: time - start + 2 * step)
            guard
                let compliance = try? WindowCompliance(
                    timestamps: values.timestamps, values: values.values, range: range, end: time,
                    length: time - start, stepMilliseconds: step)
            else { continue }
            let covered = Double(compliance.millisecondsCovered) / 1000
            events[entry.labels] = SLIEvents(good: covered - compliance.secondsOutside, total: covered)
        }
        return events
    }

    /// How far before a span's start counters are read: they are scraped less often than the step at times, and the
    /// first increase starts from the sample before the span.
    private func reach(_ start: Int64, _ end: Int64) -> Int64 { end - start + max(10 * evaluator.step, 300_000) }

    /// The values of the `by` labels in `labels`, the group its events are summed in.
    private static func group(_ labels: [Label], by: [String]) -> [Label] {
        by.compactMap { name in labels.first { $0.name == name && !$0.value.isEmpty } }
    }

    /// A ratio objective's events in `(start, end]`: the counters' increases summed per value of the `by` labels.
    private func events(
        of ratio: RatioIndicator, by: [String], in store: SeriesStore, _ start: Int64, _ end: Int64
    ) -> [[Label]: SLIEvents] {
        let reach = reach(start, end)
        func increases(_ selector: SeriesSelector) -> [[Label]: Double] {
            let compiled = selector.compiled()
            var sums: [[Label]: Double] = [:]
            for entry in store.entries.values where compiled.matches(entry.labels) {
                let samples = entry.buffer.samples(endingAt: end, length: reach)
                sums[Self.group(entry.labels, by: by), default: 0] += CounterIncrease.increase(
                    timestamps: samples.timestamps, values: samples.values, from: start, to: end)
            }
            return sums
        }
        let totals = increases(ratio.total)
        let counted = increases(ratio.events)
        var events: [[Label]: SLIEvents] = [:]
        for (group, total) in totals {
            let count = counted[group] ?? 0
            let good = ratio.counted == .errors ? total - count : count
            events[group] = SLIEvents(good: min(total, max(0, good)), total: total)
        }
        return events
    }

    /// A latency objective's events in `(start, end]`, summed per value of the `by` labels: from the native
    /// histograms its selector matches, or, when it matches none, from the classic histogram's `_bucket` counters
    /// (grouped into histograms by their labels but `le`; a histogram without a `+Inf` bucket is left out).
    private func events(
        of latency: LatencyIndicator, by: [String], in store: SeriesStore, _ histograms: HistogramStore,
        _ start: Int64, _ end: Int64
    ) -> [[Label]: SLIEvents] {
        let threshold = latency.threshold
        var events: [[Label]: SLIEvents] = [:]
        let native = latency.histogram.compiled()
        for (labels, samples) in histograms.series where native.matches(labels) {
            let points = samples.filter { !$0.histogram.isStaleMarker }.map {
                (time: $0.timestamp, histogram: FloatHistogram($0.histogram))
            }
            events[Self.group(labels, by: by), default: .zero] += LatencyEvents.native(
                points, atMost: threshold, from: start, to: end)
        }
        guard events.isEmpty, let buckets = latency.buckets?.compiled() else { return events }
        let reach = reach(start, end)
        var classic: [[Label]: [(le: Double, increase: Double)]] = [:]
        for entry in store.entries.values where buckets.matches(entry.labels) {
            guard let text = entry.labels.first(where: { $0.name == "le" })?.value, let le = Double(text) else {
                continue
            }
            let samples = entry.buffer.samples(endingAt: end, length: reach)
            let histogram = entry.labels.filter { $0.name != "le" }
            classic[histogram, default: []].append(
                (
                    le,
                    CounterIncrease.increase(
                        timestamps: samples.timestamps, values: samples.values, from: start, to: end)
                ))
        }
        for (labels, increases) in classic {
            guard let counted = LatencyEvents.classic(increases, atMost: threshold) else { continue }
            events[Self.group(labels, by: by), default: .zero] += counted
        }
        return events
    }
}
