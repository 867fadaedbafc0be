import SibylWire

/// The Holt-Winters forecast families, `sibyl_forecast_*`.
public enum ForecastFamilies {
    static func forecast(
        _ name: String, labels: [String], keepsSourceUnit: Bool = true, _ help: String
    ) -> FamilyDescriptor {
        FamilyDescriptor(
            name, keepsSourceUnit: keepsSourceUnit, labels: labels, kind: .forecast,
            slot: ArchiveSlot(.forecasts, quantity(of: name)),
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
        "Fitted Holt-Winters smoothing parameter (level alpha, trend beta, seasonal gamma).")
    public static let upper = forecast(
        "sibyl_forecast_upper", labels: ["horizon"],
        "Highest upper bound of the forecast's prediction interval over the horizon.")

    /// Every forecast family.
    public static let all = [avg, lower, max, min, rmse, smoothing, upper]
}
