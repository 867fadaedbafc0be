extension ForecastModel {
    /// Fits the model to `y`.
    /// - Parameters:
    ///   - y: the resampled observations, equally spaced and finite.
    ///   - season: the season in steps (`nil`: none); a seasonal model needs one.
    /// - Returns: the fitted model.
    /// - Throws: `AnalysisError.invalidArgument` for a seasonal model without a season, `.tooShort` when `y` is too
    ///   short for the model, `.nonFinite` for NaN or ±∞ in `y`.
    public func fit(_ y: [Double], season: Int?) throws -> any FittedForecastModel {
        if isSeasonal, season == nil {
            throw AnalysisError.invalidArgument("\(rawValue) needs a season")
        }
        switch self {
        case .holtWinters: return try HoltWinters.fit(y, seasonalPeriods: season ?? 0)
        case .seasonalNaive: return try SeasonalNaive.fit(y, season: season ?? 1)
        case .naive: return try SeasonalNaive.fit(y, season: 1)
        case .simpleSmoothing, .dampedTrend, .dampedHoltWinters:
            throw AnalysisError.invalidArgument("\(rawValue) is not implemented yet")
        }
    }
}
