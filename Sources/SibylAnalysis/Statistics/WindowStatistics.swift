/// Count, minimum, maximum, mean and sample standard deviation of the non-NaN values of a window.
///
/// Matches pandas `Series.count/min/max/mean/std` with their defaults (`skipna=True`, `ddof=1`):
/// `mean = Σx/count`, `std = √(Σ(x − mean)²/(count − 1))` by two passes (algorithms.md §1).
public struct WindowStatistics: Sendable, Hashable {
    /// Number of non-NaN values.
    public let count: Int
    /// Smallest non-NaN value.
    public let min: Double
    /// Largest non-NaN value.
    public let max: Double
    /// Arithmetic mean of the non-NaN values.
    public let mean: Double
    /// Sample standard deviation (ddof 1); `nil` when fewer than two values (pandas gives NaN).
    public let standardDeviation: Double?

    /// Statistics already computed.
    /// - Parameters:
    ///   - count: number of non-NaN values, at least 1.
    ///   - min: the smallest.
    ///   - max: the largest.
    ///   - mean: the mean.
    ///   - standardDeviation: the sample standard deviation, `nil` for one value.
    public init(count: Int, min: Double, max: Double, mean: Double, standardDeviation: Double?) {
        self.count = count
        self.min = min
        self.max = max
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// Computes the statistics of `values`, skipping NaN.
    /// - Parameter values: the window's samples.
    /// - Returns: `nil` when no value is a number (pandas gives NaN for every statistic).
    @inlinable  // specialised in the caller: unspecialised, every element goes through a witness table (150× slower)
    public init?(_ values: some Collection<Double>) {
        var count = 0
        var sum = 0.0
        var low = Double.infinity
        var high = -Double.infinity
        for value in values where !value.isNaN {
            count += 1
            sum += value
            if value < low { low = value }
            if value > high { high = value }
        }
        guard count > 0 else { return nil }
        let mean = sum / Double(count)
        self.count = count
        self.min = low
        self.max = high
        self.mean = mean
        if count < 2 {
            standardDeviation = nil
        } else {
            var squares = 0.0
            for value in values where !value.isNaN {
                let deviation = value - mean
                squares += deviation * deviation
            }
            standardDeviation = (squares / Double(count - 1)).squareRoot()
        }
    }

    /// The statistics of the samples with timestamp in `(last − window, last]`, `last` being the newest timestamp.
    ///
    /// The first system's windows: pandas on the samples with `t > t_last − W` (algorithms.md §7).
    /// - Parameters:
    ///   - timestamps: sample times in milliseconds, ascending.
    ///   - values: the samples, one per timestamp.
    ///   - windowMilliseconds: the window length `W` in milliseconds.
    /// - Returns: `nil` when the series is empty, the lengths differ, or no sample in the window is a number.
    public static func trailing(
        timestamps: [Int64], values: [Double], windowMilliseconds: Int64
    ) -> WindowStatistics? {
        guard let last = timestamps.last, timestamps.count == values.count else { return nil }
        let (cutoff, overflow) = last.subtractingReportingOverflow(windowMilliseconds)
        var start = timestamps.count
        while start > 0, overflow || timestamps[start - 1] > cutoff {
            start -= 1
        }
        return WindowStatistics(values[start...])
    }
}
