/// Chooses a series' forecasting model by rolling-origin validation on the window's tail (time-series
/// cross-validation; Hyndman and Athanasopoulos, "Forecasting: Principles and Practice", 3rd ed., §5.10).
///
/// With `n` values and `K` origins, the validation horizon is `h = min(horizon, ⌊n / 2K⌋)` steps (the configured
/// horizon unless the window is too short to hold it `2K` times) and origin `k = 1…K` fits each candidate to the
/// first `n − k·h` values and forecasts the next `h`. The candidate with the least mean absolute error over all
/// those steps wins; candidates come simplest first (``ForecastModel/candidates(season:)``), so a tie goes to the
/// simpler model, and the (seasonal) naive forecast is one of them, so the choice is never worse in the validation
/// than it. A candidate whose fit fails at an origin (too short for its season) is left out.
public struct ForecastModelSelector: Sendable, Hashable {
    /// The configured horizon in steps.
    public var horizon: Int
    /// The number of origins K.
    public var origins: Int

    /// Creates a selector.
    /// - Parameters:
    ///   - horizon: the forecast horizon in steps, at least 1.
    ///   - origins: the origins of the validation (default 3).
    public init(horizon: Int, origins: Int = 3) {
        self.horizon = max(1, horizon)
        self.origins = max(1, origins)
    }

    /// The validation horizon for `count` values: the horizon, or less when the window cannot hold it `2K` times.
    /// - Parameter count: the values.
    /// - Returns: the steps each origin forecasts, at least 1.
    public func validationHorizon(count: Int) -> Int {
        max(1, min(horizon, count / (2 * origins)))
    }

    /// Validates the candidates for `season` on `y` and picks the best.
    /// - Parameters:
    ///   - y: the resampled window, equally spaced and finite.
    ///   - season: the season in steps (`nil`: none).
    ///   - candidates: the models to try (default ``ForecastModel/candidates(season:)``).
    /// - Returns: the choice; when no candidate could be validated, the last candidate (the naive one) with every
    ///   failure recorded.
    public func choose(
        _ y: [Double], season: Int?, candidates: [ForecastModel]? = nil
    ) -> ForecastModelChoice {
        let models = candidates ?? ForecastModel.candidates(season: season)
        let steps = validationHorizon(count: y.count)
        var validation = [CandidateValidation]()
        for model in models {
            validation.append(validate(model, y, season: season, steps: steps))
        }
        let best = validation.filter { $0.meanAbsoluteError != nil }
            .min { ($0.meanAbsoluteError ?? .infinity) < ($1.meanAbsoluteError ?? .infinity) }
        return ForecastModelChoice(
            model: best?.model ?? models.last ?? .naive, season: season, validation: validation)
    }

    /// One candidate's mean absolute error over the origins.
    private func validate(_ model: ForecastModel, _ y: [Double], season: Int?, steps: Int) -> CandidateValidation {
        var sum = 0.0
        var count = 0
        for origin in 1...origins {
            let end = y.count - origin * steps
            guard end > 0 else {
                return CandidateValidation(model: model, meanAbsoluteError: nil, failure: "window too short")
            }
            do {
                let path = try model.fit(Array(y[..<end]), season: season).forecast(
                    steps: steps, normalQuantile: HoltWintersForecast.normalQuantile95)
                for (forecast, actual) in zip(path.values, y[end..<(end + steps)]) {
                    sum += abs(actual - forecast)
                    count += 1
                }
            } catch {
                return CandidateValidation(model: model, meanAbsoluteError: nil, failure: "\(error)")
            }
        }
        let error = sum / Double(max(1, count))
        guard error.isFinite else {
            return CandidateValidation(model: model, meanAbsoluteError: nil, failure: "non-finite forecast")
        }
        return CandidateValidation(model: model, meanAbsoluteError: error)
    }
}
