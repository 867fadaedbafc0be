/// Resamples irregular samples onto a fixed step: bin means, then linear interpolation of empty bins.
///
/// Matches pandas `Series.resample(step).mean().interpolate()` on a datetime index
/// (algorithms.md §6): bins are `[step·k, step·(k+1))` ms with `k = ⌊t / step⌋`, running from
/// the first sample's bin to the last sample's bin; a bin's value is the mean of its non-NaN
/// samples; interior empty bins lie on the straight line between the neighbouring valid bins
/// (numpy `interp` on positions: `slope·(i − i₀) + v₀`), trailing empty bins repeat the last
/// valid value and leading empty bins stay NaN.
public struct LinearResampler: Sendable, Hashable {
    /// The bin width in milliseconds (Prometheus' scrape step, 5000 in the seed pipeline).
    public let stepMilliseconds: Int64
    /// The largest number of bins one call may produce; guards memory against absurd time ranges.
    public let maximumBinCount: Int

    /// Creates a resampler.
    /// - Parameters:
    ///   - stepMilliseconds: bin width in ms, positive.
    ///   - maximumBinCount: largest output length accepted (default 1,000,000).
    /// - Throws: `AnalysisError.invalidArgument` when the step or the limit is not positive.
    public init(stepMilliseconds: Int64 = 5000, maximumBinCount: Int = 1_000_000) throws {
        guard stepMilliseconds > 0 else {
            throw AnalysisError.invalidArgument("resampling step must be positive, got \(stepMilliseconds) ms")
        }
        guard maximumBinCount > 0 else {
            throw AnalysisError.invalidArgument("maximum bin count must be positive, got \(maximumBinCount)")
        }
        self.stepMilliseconds = stepMilliseconds
        self.maximumBinCount = maximumBinCount
    }

    /// Resamples `(timestamps, values)`; timestamps need not be sorted and may repeat.
    /// - Parameters:
    ///   - timestamps: sample times in ms since the epoch.
    ///   - values: sample values; NaN samples are ignored by the bin mean.
    /// - Returns: the equally spaced series (leading bins stay NaN when the first samples are NaN).
    /// - Throws: `AnalysisError.tooShort` for no samples, `.invalidArgument` for mismatched lengths or
    ///   more bins than `maximumBinCount`.
    public func resample(timestamps: [Int64], values: [Double]) throws -> ResampledSeries {
        guard timestamps.count == values.count else {
            throw AnalysisError.invalidArgument(
                "\(timestamps.count) timestamps but \(values.count) values")
        }
        guard let firstTimestamp = timestamps.min(), let lastTimestamp = timestamps.max() else {
            throw AnalysisError.tooShort("no samples to resample")
        }
        let firstBin = binIndex(firstTimestamp)
        let lastBin = binIndex(lastTimestamp)
        let (span, overflow) = lastBin.subtractingReportingOverflow(firstBin)
        guard !overflow, span < Int64(maximumBinCount) else {
            throw AnalysisError.invalidArgument("time range needs more than \(maximumBinCount) bins")
        }
        let binCount = Int(span) + 1
        var sums = [Double](repeating: 0, count: binCount)
        var counts = [Int](repeating: 0, count: binCount)
        for (timestamp, value) in zip(timestamps, values) where !value.isNaN {
            let bin = Int(binIndex(timestamp) - firstBin)
            sums[bin] += value
            counts[bin] += 1
        }
        var binned = [Double](repeating: .nan, count: binCount)
        var emptyBins = 0
        for bin in 0..<binCount {
            if counts[bin] > 0 {
                binned[bin] = sums[bin] / Double(counts[bin])
            } else {
                emptyBins += 1
            }
        }
        Self.interpolateLinearly(&binned)
        return ResampledSeries(
            startMilliseconds: firstBin * stepMilliseconds, stepMilliseconds: stepMilliseconds,
            values: binned, emptyBinCount: emptyBins)
    }

    /// The bin of a timestamp, `⌊t / step⌋` (floor, also for times before the epoch).
    private func binIndex(_ timestamp: Int64) -> Int64 {
        let quotient = timestamp / stepMilliseconds
        return timestamp % stepMilliseconds < 0 ? quotient - 1 : quotient
    }

    /// Fills NaN runs in place as pandas `interpolate(method="linear")` with its default forward limit direction.
    ///
    /// Interior runs use numpy `interp`'s formula `slope·(i − i₀) + v₀` with
    /// `slope = (v₁ − v₀)/(i₁ − i₀)`; trailing runs take the last valid value; leading runs stay NaN.
    static func interpolateLinearly(_ values: inout [Double]) {
        var previousValid: Int? = nil
        var index = 0
        while index < values.count {
            if !values[index].isNaN {
                if let start = previousValid, index - start > 1 {
                    let v0 = values[start]
                    let slope = (values[index] - v0) / (Double(index) - Double(start))
                    for gap in (start + 1)..<index {
                        values[gap] = slope * (Double(gap) - Double(start)) + v0
                    }
                }
                previousValid = index
            }
            index += 1
        }
        if let last = previousValid {
            for tail in (last + 1)..<values.count {
                values[tail] = values[last]
            }
        }
    }
}
