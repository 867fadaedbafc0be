/// Chooses a series' forecasting model by rolling-origin validation on the window's tail (time-series
/// cross-validation; Hyndman and Athanasopoulos, "Forecasting: Principles and Practice", 3rd ed., §5.10).
///
/// The validation looks at the window's last `n` values (``validationCount(season:)``, all of a short window). With
/// `K` origins, the validation horizon is `h = min(horizon, ⌊n / (K + 2)⌋)` steps (the configured horizon unless
/// those values cannot hold it `K + 2` times: the earliest origin keeps two horizons of history) and origin
/// `k = 1…K` fits each candidate to the first `n − k·h` of them and
/// forecasts the next `h`. The candidate with the least mean absolute error over all
/// those steps wins — unless the (seasonal) naive forecast, the benchmark, is within one standard error of it (the
/// standard error of the winner's per-origin errors, `s/√K`): then the naive forecast is kept, by the
/// one-standard-error rule of cross-validation (Breiman et al. 1984; Hastie, Tibshirani and Friedman, "The Elements
/// of Statistical Learning", §7.10), as a model that fitted the validation no better than chance rarely forecasts
/// better than the benchmark. Candidates come simplest first (``ForecastModel/candidates(season:)``), so a tie goes
/// to the simpler model; the naive forecast being one of them, the choice is never worse in the validation than it.
/// A candidate whose fit fails at an origin (too short for its season) is left out. The seasonal smoothing fits of
/// the validation start from the 128-point subgrid of statsmodels' start grid (``HoltWintersStartSearch/coarseGrid``,
/// about 60 times cheaper); the forecast's own fit uses the full grid.
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

    /// The validation horizon for `count` values: the horizon, or less when the window cannot hold it `K + 2` times
    /// (K forecasts one horizon apart, and two horizons of history before the earliest).
    /// - Parameter count: the values.
    /// - Returns: the steps each origin forecasts, at least 1.
    public func validationHorizon(count: Int) -> Int {
        max(1, min(horizon, count / (origins + 2)))
    }

    /// The fewest values the validation looks at (when the window has them).
    public static let minimumValidationCount = 240

    /// How many of the window's last values the validation looks at: `max((K + 2)H, 4m + KH, 240)` (K origins, H
    /// the horizon, m the season): room for the horizon `K + 2` times, and for two seasons at the earliest origin. Fits on
    /// more history would cost more (at n = 8,640 the validation was 95 % of a choice's time) without telling the
    /// candidates apart better at this horizon.
    /// - Parameter season: the season in steps, or `nil`.
    /// - Returns: the count.
    public func validationCount(season: Int?) -> Int {
        max((origins + 2) * horizon, 4 * (season ?? 1) + origins * horizon, Self.minimumValidationCount)
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
        let y = Array(y.suffix(validationCount(season: season)))
        let steps = validationHorizon(count: y.count)
        var validation = [CandidateValidation]()
        var spreads = [ForecastModel: Double]()
        for model in models {
            let (result, spread) = validate(model, y, season: season, steps: steps)
            validation.append(result)
            spreads[model] = spread
        }
        let benchmark = models.last ?? .naive
        let scored = zip(models, validation).compactMap { model, result in
            result.meanAbsoluteError.map { (model: model, error: $0, spread: spreads[model] ?? 0) }
        }
        guard let best = scored.min(by: { $0.error < $1.error }) else {
            return ForecastModelChoice(model: benchmark, season: season, validation: validation)
        }
        let naive = scored.first { $0.model == benchmark }
        let model = naive.map { $0.error <= best.error + best.spread } == true ? benchmark : best.model
        return ForecastModelChoice(model: model, season: season, validation: validation)
    }

    /// One candidate's mean absolute error over the origins, and the standard error of its per-origin means.
    private func validate(
        _ model: ForecastModel, _ y: [Double], season: Int?, steps: Int
    ) -> (CandidateValidation, spread: Double) {
        var errors = [Double]()
        for origin in 1...origins {
            let end = y.count - origin * steps
            guard end > 0 else {
                return (CandidateValidation(model: model, meanAbsoluteError: nil, failure: "window too short"), 0)
            }
            do {
                let path = try model.fit(Array(y[..<end]), season: season, startSearch: .coarseGrid).forecast(
                    steps: steps, normalQuantile: HoltWintersForecast.normalQuantile95)
                var sum = 0.0
                for (forecast, actual) in zip(path.values, y[end..<(end + steps)]) { sum += abs(actual - forecast) }
                errors.append(sum / Double(steps))
            } catch {
                return (CandidateValidation(model: model, meanAbsoluteError: nil, failure: "\(error)"), 0)
            }
        }
        let count = Double(errors.count)
        let mean = errors.reduce(0, +) / count
        guard mean.isFinite else {
            return (CandidateValidation(model: model, meanAbsoluteError: nil, failure: "non-finite forecast"), 0)
        }
        let variance = errors.count > 1 ? errors.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (count - 1) : 0
        return (CandidateValidation(model: model, meanAbsoluteError: mean), (variance / count).squareRoot())
    }
}
