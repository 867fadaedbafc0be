package import SibylAnalysis

/// The forecast of one series: the summary that is exposed and the path that objectives check.
package struct SeriesForecast: Sendable {
    /// Max, min, mean, interval extremes, smoothing parameters and RMSE over the horizon.
    package var summary: ForecastSummary
    /// The point forecast and interval bounds per step.
    package var path: HoltWintersForecast
    /// The time of the last resampled point, in milliseconds; step k of the path is k steps after it.
    package var lastTime: Int64
    /// The step of the path, in milliseconds.
    package var step: Int64
    /// The in-sample mean absolute error of the seasonal naive forecast over the resampled window, the scale of
    /// the forecast's MASE (``ForecastAccuracy/naiveScale(_:season:)``); `nil` for a window of one season.
    package var naiveScale: Double? = nil
    /// The model and season the forecast used, and every candidate's validation when they were chosen.
    package var choice = ForecastModelChoice(model: .holtWinters, season: 5, validation: [])
}
