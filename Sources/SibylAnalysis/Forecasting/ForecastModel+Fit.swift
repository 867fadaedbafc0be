extension ForecastModel {
    /// Fits the model to `y`: ``ExponentialSmoothing/fit(_:form:)`` for the smoothing models (and for Holt-Winters
    /// with a season above ``ExponentialSmoothing/largestEstimatedSeason``, whose initial seasons it fixes at
    /// statsmodels' heuristic values), ``HoltWinters/fit(_:seasonalPeriods:startSearch:)`` for Holt-Winters with a
    /// smaller season, ``SeasonalNaive`` for the naive forecasts.
    /// - Parameters:
    ///   - y: the resampled observations, equally spaced and finite.
    ///   - season: the season in steps (`nil`: none); a seasonal model needs one.
    ///   - startSearch: the seasonal smoothing fits' start grid: statsmodels' (default) or the 128-point subgrid.
    /// - Returns: the fitted model.
    /// - Throws: `AnalysisError.invalidArgument` for a seasonal model without a season, `.tooShort` when `y` is too
    ///   short for the model, `.nonFinite` for NaN or ±∞ in `y`.
    public func fit(
        _ y: [Double], season: Int?, startSearch: HoltWintersStartSearch = .statsmodelsGrid
    ) throws -> any FittedForecastModel {
        if isSeasonal, season == nil {
            throw AnalysisError.invalidArgument("\(rawValue) needs a season")
        }
        let season = season ?? 0
        switch self {
        case .simpleSmoothing: return try ExponentialSmoothing.fit(y, form: .simple)
        case .dampedTrend: return try ExponentialSmoothing.fit(y, form: .dampedTrend)
        case .holtWinters where season > ExponentialSmoothing.largestEstimatedSeason:
            return try ExponentialSmoothing.fit(y, form: .holtWinters(season: season), startSearch: startSearch)
        case .holtWinters: return try HoltWinters.fit(y, seasonalPeriods: season, startSearch: startSearch)
        case .dampedHoltWinters:
            return try ExponentialSmoothing.fit(y, form: .dampedHoltWinters(season: season), startSearch: startSearch)
        case .seasonalNaive: return try SeasonalNaive.fit(y, season: season)
        case .naive: return try SeasonalNaive.fit(y, season: 1)
        }
    }
}
