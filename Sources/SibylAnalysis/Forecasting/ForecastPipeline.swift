/// The forecast step (algorithms.md §7, step 6): resample the raw samples to the step (§6), find the season
/// (``SeasonSetting``), choose the model (``ForecastModelSelector``, or a pinned one), fit it and forecast.
///
/// The defaults are the seed pipeline's recipe, `ExponentialSmoothing(series.resample("5s").mean().interpolate(),
/// trend="add", seasonal="add", seasonal_periods=5).fit().forecast(120)`: season 5 and Holt-Winters, fitted by
/// ``HoltWinters/fit(_:seasonalPeriods:startSearch:)``. The service detects the season and chooses the model.
public struct ForecastPipeline: Sendable, Hashable {
    /// The resampling step and its limits.
    public var resampler: LinearResampler
    /// The season: detected, pinned (5 in the seed pipeline) or none.
    public var season: SeasonSetting
    /// The model, or `nil` to choose one per series by rolling-origin validation.
    public var model: ForecastModel?
    /// The forecast horizon in steps (120 = 10 minutes of 5 s samples).
    public var steps: Int
    /// How the Holt-Winters fit picks its start (statsmodels' full grid, or the cheaper subgrid).
    public var startSearch: HoltWintersStartSearch
    /// z of the prediction interval (default: central 95 %).
    public var normalQuantile: Double

    /// The fewest resampled values a forecast is made from (two seasons of the seed pipeline's 5).
    public static let minimumCount = 10

    /// What one run produces.
    public struct Output: Sendable {
        /// The resampled series the model was fitted to.
        public var resampled: ResampledSeries
        /// The model, its season and every candidate's validation (empty with a pinned model).
        public var choice: ForecastModelChoice
        /// The fitted model.
        public var fit: any FittedForecastModel
        /// The forecast path over the horizon.
        public var path: HoltWintersForecast
        /// The forecast summary over the horizon.
        public var summary: ForecastSummary
    }

    /// Creates a pipeline step.
    /// - Parameters:
    ///   - resampler: resampling step (default 5 s).
    ///   - season: the season (default 5 steps, the seed pipeline's).
    ///   - model: the model, or `nil` to choose (default Holt-Winters, the seed pipeline's).
    ///   - steps: horizon (default 120).
    ///   - startSearch: start search of the Holt-Winters fit (default statsmodels' grid).
    ///   - normalQuantile: z of the interval (default 95 %).
    public init(
        resampler: LinearResampler, season: SeasonSetting = .fixed(HoltWinters.defaultSeasonalPeriods),
        model: ForecastModel? = .holtWinters, steps: Int = 120,
        startSearch: HoltWintersStartSearch = .statsmodelsGrid,
        normalQuantile: Double = HoltWintersForecast.normalQuantile95
    ) {
        self.resampler = resampler
        self.season = season
        self.model = model
        self.steps = steps
        self.startSearch = startSearch
        self.normalQuantile = normalQuantile
    }

    /// Resamples, finds the season, chooses the model, fits and forecasts one series.
    /// - Parameters:
    ///   - timestamps: sample times in ms.
    ///   - values: sample values; NaN samples are skipped by the bin means.
    ///   - previous: an earlier run's choice to keep: the season and model are not looked for again, and a chosen
    ///     model keeps its smoothing parameters with only its initial states estimated again
    ///     (``ForecastModel/refit(_:season:keeping:)``); when its model no longer fits the window, they are.
    /// - Returns: the resampled series, the choice, the fit, the path and the summary.
    /// - Throws: `AnalysisError.tooShort` for a window too short for the model, `.nonFinite` when the first samples
    ///   are NaN (pandas keeps such leading bins NaN and statsmodels would return a NaN fit), `.invalidArgument` for
    ///   mismatched inputs or a bad horizon.
    public func run(
        timestamps: [Int64], values: [Double], keeping previous: ForecastModelChoice? = nil
    ) throws -> Output {
        let resampled = try resampler.resample(timestamps: timestamps, values: values)
        let y = resampled.values
        guard y.count >= Self.minimumCount else {
            throw AnalysisError.tooShort(
                "a forecast needs at least \(Self.minimumCount) resampled values, got \(y.count)")
        }
        if let previous, let fit = refit(y, keeping: previous) {
            return try output(resampled, choice: previous, fit: fit)
        }
        let season = season.season(of: y)
        var choice =
            model.map { ForecastModelChoice(model: $0, season: season, validation: []) }
            ?? ForecastModelSelector(horizon: steps).choose(y, season: season)
        let fit = try choice.model.fit(y, season: choice.season, startSearch: startSearch)
        // A chosen model keeps its smoothing parameters until the next choice; a pinned one is fitted every time.
        if model == nil, fit.smoothingParameters.level != nil { choice.smoothing = fit.smoothingParameters }
        return try output(resampled, choice: choice, fit: fit)
    }

    /// A kept choice's model on `y`: at its kept smoothing parameters with initial states by least squares, else
    /// fitted again (a chosen model from the 128-point start subgrid, as the full grid was searched when it was
    /// chosen); `nil` when the model no longer fits the window.
    private func refit(_ y: [Double], keeping previous: ForecastModelChoice) -> (any FittedForecastModel)? {
        if let smoothing = previous.smoothing,
            let fit = try? previous.model.refit(y, season: previous.season, keeping: smoothing)
        {
            return fit
        }
        return try? previous.model.fit(
            y, season: previous.season, startSearch: model == nil ? .coarseGrid : startSearch)
    }

    private func output(
        _ resampled: ResampledSeries, choice: ForecastModelChoice, fit: any FittedForecastModel
    ) throws -> Output {
        let path = try fit.forecast(steps: steps, normalQuantile: normalQuantile)
        return Output(resampled: resampled, choice: choice, fit: fit, path: path, summary: fit.summary(of: path))
    }
}
