public import SibylAnalysis

/// The Holt-Winters forecast of one series: the summary that is exposed and the path that objectives check.
public struct SeriesForecast: Sendable {
    /// Max, min, mean, interval extremes, smoothing parameters and RMSE over the horizon.
    public var summary: ForecastSummary
    /// The point forecast and interval bounds per step.
    public var path: HoltWintersForecast
    /// The time of the last resampled point, in milliseconds; step k of the path is k steps after it.
    public var lastTime: Int64
    /// The step of the path, in milliseconds.
    public var step: Int64
}
