import SibylWire

/// The Holt-Winters forecast families, `sibyl_forecast_*`.
public enum ForecastFamilies {
    static func forecast(
        _ name: String, labels: [String], keepsSourceUnit: Bool = true, quantity: String? = nil, _ help: String
    ) -> FamilyDescriptor {
        FamilyDescriptor(
            name, keepsSourceUnit: keepsSourceUnit, labels: labels, kind: .forecast,
            slot: ArchiveSlot(.forecasts, quantity ?? Sibyl.quantity(of: name)),
            help: help)
    }

    public static let avg = forecast(
        "sibyl_forecast_avg", labels: ["horizon"], "Mean of the Holt-Winters point forecast over the horizon.")
    public static let lower = forecast(
        "sibyl_forecast_lower", labels: ["horizon"],
        "Lowest lower bound of the forecast's prediction interval over the horizon.")
    public static let max = forecast(
        "sibyl_forecast_max", labels: ["horizon"], "Largest Holt-Winters point forecast over the horizon.")
    public static let min = forecast(
        "sibyl_forecast_min", labels: ["horizon"], "Smallest Holt-Winters point forecast over the horizon.")
    public static let rmse = forecast(
        "sibyl_forecast_rmse", labels: [],
        "In-sample one-step RMSE, sqrt(SSE / n), of the fit over the resampled window.")
    public static let smoothing = forecast(
        "sibyl_forecast_smoothing", labels: ["parameter"], keepsSourceUnit: false,
        "Fitted smoothing parameter of the chosen model (level alpha, trend beta, seasonal gamma, damping phi); "
            + "a model exposes those it has.")
    public static let upper = forecast(
        "sibyl_forecast_upper", labels: ["horizon"],
        "Highest upper bound of the forecast's prediction interval over the horizon.")

    public static let error = forecast(
        "sibyl_forecast_error", labels: ["horizon", "measure"], keepsSourceUnit: false,
        "Error of the forecasts whose horizon ended in the last forecast.scoring_window against the samples that "
            + "came: measure mae, rmse (source unit) or mase (over the in-sample MAE of the seasonal naive forecast).")
    public static let intervalCoverage = forecast(
        "sibyl_forecast_interval_coverage", labels: ["horizon"], keepsSourceUnit: false,
        "Share of the actual values inside the prediction interval, over the forecasts whose horizon ended in the "
            + "last forecast.scoring_window; it should approach forecast.level.")
    public static let anomalyScore = forecast(
        "sibyl_anomaly_score", labels: [], keepsSourceUnit: false, quantity: "anomaly_score",
        "The newest sample's distance from the forecast made before it, over the prediction interval's half-width: "
            + "0 on the prediction, 1 at the interval's edge, above 1 outside.")
    public static let anomaly = forecast(
        "sibyl_anomaly", labels: ["direction"], keepsSourceUnit: false, quantity: "anomaly",
        "1 when the newest sample is anomalous above or below the forecast (score over forecast.anomaly.threshold "
            + "and deviation over the minimums), else 0.")

    /// Every forecast family.
    public static let all = [
        avg, lower, max, min, rmse, smoothing, upper, error, intervalCoverage, anomalyScore, anomaly,
    ]
}
