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

extension ForecastModel {
    /// The model at smoothing parameters fitted earlier, with its initial states estimated on `y` by least squares
    /// (``ExponentialSmoothing/withInitialStatesFitted(to:estimatesSeasons:)``; the seasons above
    /// ``ExponentialSmoothing/largestEstimatedSeason`` fixed at statsmodels' heuristic values, as in the fit): what
    /// a kept choice runs between two choices, at the cost of a few passes of the recursion instead of a fit. The
    /// naive forecasts have no parameters and are fitted again.
    /// - Parameters:
    ///   - y: the resampled observations, equally spaced and finite.
    ///   - season: the season in steps (`nil`: none); a seasonal model needs one.
    ///   - parameters: the smoothing parameters of the earlier fit; each the model has must be given.
    /// - Returns: the fitted model.
    /// - Throws: as ``fit(_:season:startSearch:)``, and `AnalysisError.invalidArgument` when a parameter is missing
    ///   or the data does not determine the states (a constant series).
    public func refit(
        _ y: [Double], season: Int?, keeping parameters: SmoothingParameters
    ) throws -> any FittedForecastModel {
        if isSeasonal, season == nil {
            throw AnalysisError.invalidArgument("\(rawValue) needs a season")
        }
        let season = season ?? 0
        let form: ExponentialSmoothing.Form
        switch self {
        case .seasonalNaive, .naive: return try fit(y, season: season)
        case .simpleSmoothing: form = .simple
        case .dampedTrend: form = .dampedTrend
        case .holtWinters: form = .holtWinters(season: season)
        case .dampedHoltWinters: form = .dampedHoltWinters(season: season)
        }
        guard y.allSatisfy(\.isFinite) else { throw AnalysisError.nonFinite("series holds NaN or infinite values") }
        var template = try ExponentialSmoothing.initialModel(y, form: form)
        guard let level = parameters.level,
            (template.smoothingTrend == nil) == (parameters.trend == nil),
            (template.dampingTrend == nil) == (parameters.damping == nil),
            (template.smoothingSeasonal == nil) == (parameters.seasonal == nil)
        else { throw AnalysisError.invalidArgument("\(rawValue) needs its own smoothing parameters") }
        template.smoothingLevel = level
        template.smoothingTrend = parameters.trend
        template.dampingTrend = parameters.damping
        template.smoothingSeasonal = parameters.seasonal
        guard
            let model = template.withInitialStatesFitted(
                to: y, estimatesSeasons: form.season <= ExponentialSmoothing.largestEstimatedSeason)
        else { throw AnalysisError.invalidArgument("the initial states of \(rawValue) are not determined") }
        let state = model.run(y)
        guard state.sumOfSquaredErrors.isFinite else {
            throw AnalysisError.nonFinite("exponential smoothing SSE is not finite (values too large to square)")
        }
        return ExponentialSmoothingFit(model: model, state: state)
    }
}
