import SibylWire

/// The forecast families, `sibyl_forecast_*` and `sibyl_anomaly*`.
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
        "sibyl_forecast_avg", labels: ["horizon"], "Mean of the point forecast over the horizon.")
    public static let lower = forecast(
        "sibyl_forecast_lower", labels: ["horizon"],
        "Lowest lower bound of the forecast's prediction interval over the horizon.")
    public static let max = forecast(
        "sibyl_forecast_max", labels: ["horizon"], "Largest point forecast over the horizon.")
    public static let min = forecast(
        "sibyl_forecast_min", labels: ["horizon"], "Smallest point forecast over the horizon.")
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

    public static let modelInfo = forecast(
        "sibyl_forecast_model_info", labels: ["model"], keepsSourceUnit: false, quantity: "model_info",
        "1 for the model the forecast uses (model holt_winters, damped_holt_winters, damped_trend, "
            + "simple_exponential_smoothing, seasonal_naive or naive), chosen by rolling-origin validation every "
            + "forecast.model_interval unless forecast.model pins it.")
    public static let seasonSteps = forecast(
        "sibyl_forecast_season_steps", labels: [], keepsSourceUnit: false, quantity: "season_steps",
        "The season of the forecast in evaluation steps, found in the window by the periodogram and the "
            + "autocorrelation unless forecast.season_length pins it; 0 when the series has none.")

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
        avg, lower, max, min, rmse, smoothing, upper, modelInfo, seasonSteps, error, intervalCoverage, anomalyScore,
        anomaly,
    ]
}
