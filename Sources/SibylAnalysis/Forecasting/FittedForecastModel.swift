/// A fitted forecasting model (``ForecastModel``): its in-sample error, its parameters and its forecast with a
/// prediction interval.
public protocol FittedForecastModel: Sendable {
    /// The in-sample sum of squared one-step errors.
    var sumOfSquaredErrors: Double { get }
    /// The observations the model was fitted to.
    var observationCount: Int { get }
    /// The fitted smoothing parameters (`nil` where the model has none).
    var smoothingParameters: SmoothingParameters { get }
    /// The point forecast for h = 1…steps with its prediction interval.
    /// - Parameters:
    ///   - steps: the horizon, at least 1.
    ///   - normalQuantile: z of the interval, e.g. ``HoltWintersForecast/normalQuantile95``.
    /// - Returns: values, bounds and variances per step.
    /// - Throws: `AnalysisError.invalidArgument` for a horizon below 1 or a bad quantile.
    func forecast(steps: Int, normalQuantile: Double) throws -> HoltWintersForecast
}

/// The smoothing parameters of a fitted model, `nil` where the model has none.
public struct SmoothingParameters: Sendable, Hashable, Codable {
    /// α, the level's gain.
    public var level: Double?
    /// β, the trend's gain (Holt-Winters form).
    public var trend: Double?
    /// γ, the season's gain.
    public var seasonal: Double?
    /// φ, the trend's damping.
    public var damping: Double?

    /// Creates parameters.
    public init(level: Double? = nil, trend: Double? = nil, seasonal: Double? = nil, damping: Double? = nil) {
        self.level = level
        self.trend = trend
        self.seasonal = seasonal
        self.damping = damping
    }
}

extension FittedForecastModel {
    /// The in-sample root mean squared one-step error `√(SSE/n)`.
    public var rootMeanSquaredError: Double {
        (sumOfSquaredErrors / Double(max(1, observationCount))).squareRoot()
    }

    /// The summary over `steps`: max, min and mean of the point forecast, the extreme interval bounds, the fitted
    /// smoothing parameters and the in-sample RMSE.
    /// - Parameters:
    ///   - steps: the horizon (default 120 steps, 10 minutes of 5 s samples).
    ///   - normalQuantile: z of the interval (default 95 %).
    /// - Returns: the summary.
    /// - Throws: as ``forecast(steps:normalQuantile:)``.
    public func summary(
        steps: Int = 120, normalQuantile: Double = HoltWintersForecast.normalQuantile95
    ) throws -> ForecastSummary {
        summary(of: try forecast(steps: steps, normalQuantile: normalQuantile))
    }

    /// The summary of `path`, a forecast of this model: as ``summary(steps:normalQuantile:)`` over the whole path.
    /// - Parameter path: the forecast.
    /// - Returns: the summary.
    public func summary(of path: HoltWintersForecast) -> ForecastSummary {
        let summary = ForecastSummary(
            steps: path.values.count, maximum: .nan, minimum: .nan, mean: .nan, lowerMinimum: .nan,
            upperMaximum: .nan, smoothing: smoothingParameters, sumOfSquaredErrors: sumOfSquaredErrors,
            rootMeanSquaredError: rootMeanSquaredError)
        return summary.horizon(path, steps: path.values.count)
    }
}

extension HoltWintersFit: FittedForecastModel {
    /// The observations the model was fitted to.
    public var observationCount: Int { state.observationCount }

    /// α, β and γ.
    public var smoothingParameters: SmoothingParameters {
        SmoothingParameters(
            level: model.smoothingLevel, trend: model.smoothingTrend, seasonal: model.smoothingSeasonal)
    }
}
