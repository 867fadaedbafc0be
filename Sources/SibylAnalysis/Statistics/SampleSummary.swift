/// The count, extremes, sum and second moment of a run of values, kept as values arrive and merged between runs:
/// what a window's statistics need, without the values.
///
/// Values are added with Welford's update on the values shifted by the first one (`shift`): on a gauge of 1e12 with
/// a variance of 0.1 the deviations keep their digits, where a running mean of 1e12 would round them to 1e-4. Two
/// summaries merge with Chan, Golub and LeVeque's pairwise formula (algorithms.md §7). The plain sum is kept beside
/// the running mean: the mean reported is the sum over the count, as the two-pass statistics compute it, so a mean
/// over infinities is infinite. NaN values are skipped.
public struct SampleSummary: Sendable, Hashable {
    /// Number of non-NaN values.
    public private(set) var count = 0
    /// Smallest non-NaN value (+∞ when empty).
    public private(set) var min = Double.infinity
    /// Largest non-NaN value (−∞ when empty).
    public private(set) var max = -Double.infinity
    /// Sum of the non-NaN values.
    public private(set) var sum = 0.0
    /// The first value added: the origin of ``mean``.
    public private(set) var shift = 0.0
    /// Running mean of the values minus ``shift`` (Welford).
    public private(set) var mean = 0.0
    /// Sum of squared deviations from the mean.
    public private(set) var m2 = 0.0

    /// An empty summary.
    public init() {}

    /// The summary of a whole run at once, in two passes: the shifted mean, then the squared deviations from it.
    /// Equal to adding the values one by one within rounding (closer to the exact figures, and without the
    /// division per value that makes Welford's update the slow part of a long first read).
    /// - Parameter values: the run's values; NaN is skipped.
    @inlinable
    public init<Values: Collection<Double>>(values: Values) {
        var count = 0
        var min = Double.infinity
        var max = -Double.infinity
        var sum = 0.0
        var shift = 0.0
        var shiftedSum = 0.0
        for value in values where !value.isNaN {
            if count == 0 { shift = value.isFinite ? value : 0 }
            count += 1
            sum += value
            if value < min { min = value }
            if value > max { max = value }
            shiftedSum += value - shift
        }
        guard count > 0 else {
            self.init()
            return
        }
        let mean = shiftedSum / Double(count)
        var m2 = 0.0
        for value in values where !value.isNaN {
            let deviation = (value - shift) - mean
            m2 += deviation * deviation
        }
        self.init(count: count, min: min, max: max, sum: sum, shift: shift, mean: mean, m2: m2)
    }

    @usableFromInline
    init(count: Int, min: Double, max: Double, sum: Double, shift: Double, mean: Double, m2: Double) {
        self.count = count
        self.min = min
        self.max = max
        self.sum = sum
        self.shift = shift
        self.mean = mean
        self.m2 = m2
    }

    /// Whether no value was added.
    public var isEmpty: Bool { count == 0 }

    /// Adds one value; NaN is skipped.
    public mutating func add(_ value: Double) {
        guard !value.isNaN else { return }
        if count == 0 { shift = value.isFinite ? value : 0 }
        count += 1
        sum += value
        if value < min { min = value }
        if value > max { max = value }
        let shifted = value - shift
        let delta = shifted - mean
        mean += delta / Double(count)
        m2 += delta * (shifted - mean)
    }

    /// Adds the values of another run.
    /// - Parameter other: the other run's summary.
    public mutating func merge(_ other: SampleSummary) {
        guard other.count > 0 else { return }
        guard count > 0 else {
            self = other
            return
        }
        let total = Double(count + other.count)
        // The difference of the two means, in this summary's frame: the shifts' difference is exact for values of
        // one magnitude (Sterbenz), the means' difference is small.
        let delta = (other.shift - shift) + (other.mean - mean)
        mean += delta * Double(other.count) / total
        m2 += other.m2 + delta * delta * Double(count) * Double(other.count) / total
        count += other.count
        sum += other.sum
        if other.min < min { min = other.min }
        if other.max > max { max = other.max }
    }
}

extension WindowStatistics {
    /// The statistics of the values a summary describes, `nil` when it is empty.
    /// - Parameter summary: the window's summary.
    public init?(_ summary: SampleSummary) {
        guard summary.count > 0 else { return nil }
        self.init(
            count: summary.count, min: summary.min, max: summary.max, mean: summary.sum / Double(summary.count),
            standardDeviation: summary.count < 2
                ? nil : (Swift.max(0, summary.m2) / Double(summary.count - 1)).squareRoot())
    }
}
