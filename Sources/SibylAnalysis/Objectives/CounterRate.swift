/// The per-second rate of a counter between consecutive samples, with PromQL's counter-reset rule.
///
/// For consecutive usable samples `(t₀, v₀)` and `(t₁, v₁)` (times in ms), the rate attributed to `t₁` is
///
///     increase / ((t₁ − t₀) / 1000),   increase = v₁ − v₀ when v₁ ≥ v₀, else v₁
///
/// A decrease means the counter restarted from 0, so the whole new value is the increase (PromQL's
/// `rate`/`irate`/`increase` reset rule; unlike `rate`, nothing is extrapolated to a window's edges).
/// A counter 10, 20, 5 sampled every 5 s gives rates 2 (at the second sample) and 1 (at the third).
///
/// A sample whose value is not finite (NaN, the stale marker, ±∞) is skipped: it yields no rate and the next
/// rate spans from the last usable sample. A sample whose time is not after the last usable one is skipped
/// too. The first usable sample yields no rate, so there is one rate fewer than usable samples.
public struct CounterRate: Sendable, Hashable {
    /// The times of the rates in milliseconds: each is the later sample's time, ascending.
    public let timestamps: [Int64]
    /// The rates in units per second, one per timestamp, never negative for a finite counter.
    public let values: [Double]

    /// Computes the rates of the counter samples `(counterTimestamps, counterValues)`.
    /// - Parameters:
    ///   - counterTimestamps: sample times in milliseconds, ascending.
    ///   - counterValues: the counter's values, one per timestamp.
    /// - Throws: `AnalysisError.invalidArgument` when the two arrays differ in length.
    public init(counterTimestamps: [Int64], counterValues: [Double]) throws {
        guard counterTimestamps.count == counterValues.count else {
            throw AnalysisError.invalidArgument(
                "\(counterTimestamps.count) timestamps but \(counterValues.count) values")
        }
        var timestamps: [Int64] = []
        var values: [Double] = []
        timestamps.reserveCapacity(Swift.max(counterTimestamps.count - 1, 0))
        values.reserveCapacity(Swift.max(counterTimestamps.count - 1, 0))
        var previous: (time: Int64, value: Double)?
        for (time, value) in zip(counterTimestamps, counterValues) where value.isFinite {
            guard let last = previous else {
                previous = (time, value)
                continue
            }
            guard time > last.time else { continue }
            let (elapsed, overflow) = time.subtractingReportingOverflow(last.time)
            guard !overflow else {  // more than 292 million years apart: no meaningful rate, start afresh
                previous = (time, value)
                continue
            }
            let increase = value >= last.value ? value - last.value : value
            timestamps.append(time)
            values.append(increase / (Double(elapsed) / 1000))
            previous = (time, value)
        }
        self.timestamps = timestamps
        self.values = values
    }
}
