/// An equally spaced series produced by ``LinearResampler``.
public struct ResampledSeries: Sendable, Hashable {
    /// Timestamp of the first bin's left edge, in ms since the epoch.
    public var startMilliseconds: Int64
    /// Bin width in ms.
    public var stepMilliseconds: Int64
    /// One value per bin; NaN only before the first bin holding a non-NaN sample.
    public var values: [Double]
    /// How many bins held no non-NaN sample before interpolation (pandas' NaN count after `mean()`).
    public var emptyBinCount: Int

    /// Creates a resampled series.
    /// - Parameters:
    ///   - startMilliseconds: left edge of the first bin.
    ///   - stepMilliseconds: bin width.
    ///   - values: the bin values.
    ///   - emptyBinCount: bins that were empty before interpolation.
    public init(startMilliseconds: Int64, stepMilliseconds: Int64, values: [Double], emptyBinCount: Int) {
        self.startMilliseconds = startMilliseconds
        self.stepMilliseconds = stepMilliseconds
        self.values = values
        self.emptyBinCount = emptyBinCount
    }
}
