/// The observations a histogram counter gained over a span `(start, end]`: all of them, and those at most a
/// threshold — a latency indicator's total and good events.
///
/// Like ``CounterIncrease``, without extrapolation and with PromQL's counter-reset rule, so that consecutive spans
/// add up exactly. Within a bucket the threshold falls in, the good observations are interpolated as PromQL's
/// `histogram_fraction` interpolates (linearly for classic and custom buckets and the zero bucket, exponentially for
/// exponential buckets).
public enum LatencyEvents {
    /// The events of a native-histogram counter: per step between consecutive samples, the increase of the count and
    /// of the observations at most `threshold` (after a counter reset, the newer sample's own).
    /// - Parameters:
    ///   - samples: the histograms, ascending by time in milliseconds.
    ///   - threshold: the highest good observation.
    ///   - start: the span's exclusive start.
    ///   - end: the span's inclusive end.
    public static func native(
        _ samples: [(time: Int64, histogram: FloatHistogram)], atMost threshold: Double, from start: Int64,
        to end: Int64
    ) -> SLIEvents {
        var previous: FloatHistogram?
        var events = SLIEvents.zero
        for (time, histogram) in samples {
            if time > end { break }
            defer { previous = histogram }
            guard time > start, let before = previous else { continue }
            let gained =
                histogram.isCounterReset(after: before) ? histogram : histogram.combined(with: before, sign: -1)
            guard let gained, gained.count > 0 else { continue }
            events += SLIEvents(good: observations(in: gained, atMost: threshold), total: gained.count)
        }
        return events
    }

    /// The observations of `histogram` at most `threshold`.
    static func observations(in histogram: FloatHistogram, atMost threshold: Double) -> Double {
        let fraction = histogram.fraction(from: -.infinity, to: threshold)
        return fraction.isFinite ? histogram.count * fraction : 0
    }

    /// The good and total events of a classic histogram from the increases of its `_bucket` counters over a span:
    /// total is the `+Inf` bucket's increase, good the increase at `threshold`, interpolated linearly between the
    /// two bounds around it as PromQL interpolates a classic bucket (from 0 below the first bound when that bound is
    /// positive); above the highest finite bound, that bound's increase.
    /// - Parameters:
    ///   - increases: each bucket's upper bound (`le`) and increase over the span.
    ///   - threshold: the highest good observation.
    /// - Returns: `nil` without a `+Inf` bucket.
    public static func classic(_ increases: [(le: Double, increase: Double)], atMost threshold: Double) -> SLIEvents? {
        let buckets = increases.sorted { $0.le < $1.le }
        guard let last = buckets.last, last.le == .infinity else { return nil }
        let total = last.increase
        var good = 0.0
        var lower = (le: 0.0, increase: 0.0)
        for bucket in buckets {
            if bucket.le == threshold || bucket.le == .infinity {
                good = bucket.le == threshold ? bucket.increase : lower.increase
                break
            }
            if bucket.le > threshold {
                // Below a first bound that is not positive there is no width to interpolate in.
                let share = bucket.le > lower.le ? max(0, threshold - lower.le) / (bucket.le - lower.le) : 0
                good = lower.increase + (bucket.increase - lower.increase) * share
                break
            }
            lower = bucket
        }
        return SLIEvents(good: min(total, max(0, good)), total: total)
    }
}
