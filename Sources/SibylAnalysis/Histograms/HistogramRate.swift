/// PromQL's `rate(h[w])` for a native-histogram series: the per-second increase over the window `(T − w, T]`,
/// extrapolated to the window's edges, with counter resets handled as PromQL handles them.
///
/// The increase is the last sample minus the first, at the coarsest schema in the window, plus the sample before
/// each counter reset (``FloatHistogram/isCounterReset(after:)``); a reset between the first two samples drops the
/// first. The extrapolation is `rate`'s: to each edge when the nearest sample lies within 110 % of the average
/// spacing of it, else half an average spacing; towards the start never past the point where the count would have
/// been zero.
public enum HistogramRate {
    /// The rate of `samples` (ascending times in milliseconds, stale markers already left out) over the window
    /// ending at `end` and `range` milliseconds long; only samples inside `(end − range, end]` count.
    /// - Returns: `nil` with fewer than two samples in the window, or when their buckets cannot be combined (custom
    ///   bounds that change, or a mix of custom and exponential buckets).
    public static func rate(
        _ samples: [(time: Int64, histogram: FloatHistogram)], end: Int64, range: Int64
    )
        -> FloatHistogram?
    {
        let start = end - range
        let points = samples.filter { $0.time > start && $0.time <= end }
        guard points.count >= 2 else { return nil }
        var previous = points[0].histogram
        if points[1].histogram.isCounterReset(after: previous) {
            previous = .empty(like: points[1].histogram)
        }
        let last = points[points.count - 1].histogram
        let minimumSchema = points.dropFirst().reduce(previous.schema) { Swift.min($0, $1.histogram.schema) }
        guard points.dropFirst().allSatisfy({ $0.histogram.usesCustomBuckets == previous.usesCustomBuckets }),
            var increase = last.reduced(to: minimumSchema).combined(with: previous, sign: -1)
        else { return nil }
        var before = previous
        for point in points.dropFirst() {
            if point.histogram.isCounterReset(after: before) {
                guard let added = increase.combined(with: before, sign: 1) else { return nil }
                increase = added
            }
            before = point.histogram
        }

        let first = points[0]
        let sampled = Double(points[points.count - 1].time - first.time) / 1000
        let averageSpacing = sampled / Double(points.count - 1)
        let threshold = averageSpacing * 1.1
        var toStart = Double(first.time - start) / 1000
        var toEnd = Double(end - points[points.count - 1].time) / 1000
        if toStart >= threshold { toStart = averageSpacing / 2 }
        if increase.count > 0 && first.histogram.count >= 0 {
            toStart = Swift.min(toStart, sampled * (first.histogram.count / increase.count))
        }
        if toEnd >= threshold { toEnd = averageSpacing / 2 }
        let factor = (sampled == 0 ? 1 : (sampled + toStart + toEnd) / sampled) / (Double(range) / 1000)
        var rate = increase.scaled(by: factor)
        rate.hint = .gauge
        return rate
    }
}
