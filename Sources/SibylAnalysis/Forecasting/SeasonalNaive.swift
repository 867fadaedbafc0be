/// The seasonal naive forecast: each step the value one season before, `ŷ_{n+h} = y_{n+h−m(k+1)}` with
/// `k = ⌊(h−1)/m⌋`; with a season of one step, the naive forecast (the last value).
///
/// Its interval is Hyndman and Athanasopoulos' ("Forecasting: Principles and Practice", 3rd ed., §5.5):
/// `σ_h = σ·√(k + 1)`, σ² the mean squared in-sample seasonal difference `y_t − y_{t−m}`.
public struct SeasonalNaive: Sendable, Hashable, FittedForecastModel {
    /// The season m in steps.
    public let season: Int
    /// The last season of observations, oldest first.
    public let lastSeason: [Double]
    /// `Σ (y_t − y_{t−m})²` over t = m…n−1.
    public let sumOfSquaredErrors: Double
    /// The in-sample differences, n − m.
    public let observationCount: Int

    /// None: the model has no smoothing parameter.
    public var smoothingParameters: SmoothingParameters { SmoothingParameters() }

    /// Fits the model (takes the last season and the differences' variance).
    /// - Parameters:
    ///   - y: the observations, equally spaced and finite.
    ///   - season: m ≥ 1.
    /// - Returns: the model.
    /// - Throws: `AnalysisError.invalidArgument` for m < 1, `.tooShort` for n ≤ m, `.nonFinite` for NaN or ±∞.
    public static func fit(_ y: [Double], season: Int) throws -> SeasonalNaive {
        guard season >= 1 else { throw AnalysisError.invalidArgument("season must be at least 1, got \(season)") }
        guard y.count > season else {
            throw AnalysisError.tooShort("the seasonal naive forecast needs more than \(season) observations")
        }
        guard y.allSatisfy(\.isFinite) else { throw AnalysisError.nonFinite("series holds NaN or infinite values") }
        var sum = 0.0
        for index in season..<y.count {
            let difference = y[index] - y[index - season]
            sum += difference * difference
        }
        return SeasonalNaive(
            season: season, lastSeason: Array(y.suffix(season)), sumOfSquaredErrors: sum,
            observationCount: y.count - season)
    }

    /// The forecast with its interval.
    /// - Parameters:
    ///   - steps: the horizon, at least 1.
    ///   - normalQuantile: z of the interval.
    /// - Returns: values, bounds and variances per step.
    /// - Throws: `AnalysisError.invalidArgument` for steps < 1 or a negative or non-finite z.
    public func forecast(
        steps: Int, normalQuantile: Double = HoltWintersForecast.normalQuantile95
    ) throws -> HoltWintersForecast {
        try HoltWintersForecast.validate(steps: steps, normalQuantile: normalQuantile)
        let variance = sumOfSquaredErrors / Double(observationCount)
        var values = [Double]()
        var variances = [Double]()
        values.reserveCapacity(steps)
        variances.reserveCapacity(steps)
        for step in 0..<steps {
            values.append(lastSeason[step % season])
            variances.append(variance * Double(step / season + 1))
        }
        return HoltWintersForecast(values: values, variances: variances, normalQuantile: normalQuantile)
    }
}
