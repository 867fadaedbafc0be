/// The seed pipeline's forecast step (algorithms.md §7, step 6): resample the raw samples to the scrape
/// step (§6), fit additive Holt-Winters (§5) and summarise the forecast over the horizon.
///
/// Matches the Python recipe `ExponentialSmoothing(series.resample("5s").mean().interpolate(), trend="add",
/// seasonal="add", seasonal_periods=5).fit().forecast(120)` with the optimiser of
/// ``HoltWinters/fit(_:seasonalPeriods:startSearch:)``.
public struct ForecastPipeline: Sendable, Hashable {
    /// The resampling step and its limits.
    public var resampler: LinearResampler
    /// The seasonal period m (5 in the seed pipeline).
    public var seasonalPeriods: Int
    /// The forecast horizon in steps (120 = 10 minutes of 5 s samples).
    public var steps: Int
    /// How the fit picks its start (statsmodels' full grid, or the cheaper subgrid).
    public var startSearch: HoltWintersStartSearch
    /// z of the prediction interval (default: central 95 %).
    public var normalQuantile: Double

    /// What one run produces.
    public struct Output: Sendable, Hashable {
        /// The resampled series the model was fitted to.
        public var resampled: ResampledSeries
        /// The fitted model.
        public var fit: HoltWintersFit
        /// The forecast summary over the horizon.
        public var summary: ForecastSummary
    }

    /// Creates a pipeline step.
    /// - Parameters:
    ///   - resampler: resampling step (default 5 s).
    ///   - seasonalPeriods: m (default 5).
    ///   - steps: horizon (default 120).
    ///   - startSearch: start search of the fit (default statsmodels' grid).
    ///   - normalQuantile: z of the interval (default 95 %).
    public init(
        resampler: LinearResampler, seasonalPeriods: Int = HoltWinters.defaultSeasonalPeriods, steps: Int = 120,
        startSearch: HoltWintersStartSearch = .statsmodelsGrid,
        normalQuantile: Double = HoltWintersForecast.normalQuantile95
    ) {
        self.resampler = resampler
        self.seasonalPeriods = seasonalPeriods
        self.steps = steps
        self.startSearch = startSearch
        self.normalQuantile = normalQuantile
    }

    /// Resamples, fits and forecasts one series.
    /// - Parameters:
    ///   - timestamps: sample times in ms.
    ///   - values: sample values; NaN samples are skipped by the bin means.
    /// - Returns: the resampled series, the fit and the summary.
    /// - Throws: `AnalysisError.tooShort` for fewer than `2m` bins, `.nonFinite` when the first samples are NaN
    ///   (pandas keeps such leading bins NaN and statsmodels would return a NaN fit), `.invalidArgument` for
    ///   mismatched inputs or a bad horizon.
    public func run(timestamps: [Int64], values: [Double]) throws -> Output {
        let resampled = try resampler.resample(timestamps: timestamps, values: values)
        let fit = try HoltWinters.fit(resampled.values, seasonalPeriods: seasonalPeriods, startSearch: startSearch)
        let summary = try fit.summary(steps: steps, normalQuantile: normalQuantile)
        return Output(resampled: resampled, fit: fit, summary: summary)
    }
}
