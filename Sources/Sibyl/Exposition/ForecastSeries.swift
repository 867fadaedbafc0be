import SibylAnalysis
public import SibylWire

/// Turns forecasts into the `sibyl_forecast_*` families, keeping each source series' labels (``SourceLabels``).
public struct ForecastSeries: Sendable {
    /// The horizon's label value (`10m`).
    public let horizon: String

    /// Creates a builder.
    /// - Parameter horizon: the horizon as it appears in the label `horizon`.
    public init(horizon: String) {
        self.horizon = horizon
    }

    /// The families' names and help texts, in exposition order.
    static let help: [(String, String)] = [
        ("sibyl_forecast_avg", "Mean of the Holt-Winters point forecast over the horizon."),
        ("sibyl_forecast_lower", "Lowest lower bound of the forecast's prediction interval over the horizon."),
        ("sibyl_forecast_max", "Largest Holt-Winters point forecast over the horizon."),
        ("sibyl_forecast_min", "Smallest Holt-Winters point forecast over the horizon."),
        ("sibyl_forecast_rmse", "In-sample one-step RMSE, sqrt(SSE / n), of the fit over the resampled window."),
        ("sibyl_forecast_smoothing", "Fitted Holt-Winters smoothing parameter (level alpha, trend beta, seasonal gamma)."),
        ("sibyl_forecast_upper", "Highest upper bound of the forecast's prediction interval over the horizon."),
    ]

    private enum Family: Int {
        case avg, lower, max, min, rmse, smoothing, upper
    }

    /// Builds the families of one forecast run.
    /// - Parameter results: per series, its forecast or why there is none.
    /// - Returns: the families.
    public func families(for results: [SeriesForecastResult]) -> [MetricFamily] {
        var families = Self.help.compactMap { try? MetricFamily(name: $0.0, kind: .gauge, help: $0.1) }
        guard families.count == Self.help.count else { return [] }
        for result in results {
            guard case .success(let forecast) = result.outcome else { continue }
            let base = SourceLabels.base(result.labels)
            guard let horizonLabels = SourceLabels.blocks(base, "horizon", [horizon])?.first,
                let plain = try? RenderedLabels(base),
                let parameters = SourceLabels.blocks(base, "parameter", ["level", "trend", "seasonal"])
            else { continue }
            let summary = forecast.summary
            families[Family.max.rawValue].append(horizonLabels, summary.maximum)
            families[Family.min.rawValue].append(horizonLabels, summary.minimum)
            families[Family.avg.rawValue].append(horizonLabels, summary.mean)
            families[Family.lower.rawValue].append(horizonLabels, summary.lowerMinimum)
            families[Family.upper.rawValue].append(horizonLabels, summary.upperMaximum)
            families[Family.rmse.rawValue].append(plain, summary.rootMeanSquaredError)
            let smoothing = [summary.smoothingLevel, summary.smoothingTrend, summary.smoothingSeasonal]
            for (labels, value) in zip(parameters, smoothing) { families[Family.smoothing.rawValue].append(labels, value) }
        }
        return families
    }
}
