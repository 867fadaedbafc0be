/// How much a counter grew over a span `(start, end]`, with PromQL's counter-reset rule and without extrapolation.
///
/// The increase runs from the newest sample at or before `start` (or, when the series starts inside the span, from
/// its first sample there) to the newest sample at or before `end`: each step adds `v₁ − v₀`, or `v₁` when the
/// counter went down (a restart from 0). Non-finite samples (NaN, stale markers) are skipped. Consecutive spans
/// therefore add up exactly: the increases of `(a, b]` and `(b, c]` sum to that of `(a, c]`, which is what lets
/// per-cycle counts make any longer window.
public enum CounterIncrease {
    /// The increase of the counter samples over `(start, end]`, 0 when fewer than two samples bound it.
    /// - Parameters:
    ///   - timestamps: sample times in milliseconds, ascending.
    ///   - values: the counter's values, one per timestamp.
    ///   - start: the span's exclusive start, in milliseconds.
    ///   - end: the span's inclusive end, in milliseconds.
    public static func increase(
        timestamps: [Int64], values: [Double], from start: Int64, to end: Int64
    ) -> Double {
        var previous: Double?
        var increase = 0.0
        for (time, value) in zip(timestamps, values) where value.isFinite {
            if time > end { break }
            if time <= start {
                previous = value
                continue
            }
            if let last = previous { increase += value >= last ? value - last : value }
            previous = value
        }
        return increase
    }
}
