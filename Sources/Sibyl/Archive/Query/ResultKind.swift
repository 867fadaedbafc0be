/// A kind of archived result, as `GET /api/v1/results?kind=` and `sibyl query` name it: the families it covers.
public enum ResultKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Window statistics: `sibyl_window_*`.
    case stats
    /// The ADF test: `sibyl_adf_*` and `sibyl_stationary`.
    case stationarity
    /// The autocorrelation function: `sibyl_acf`.
    case acf
    /// The seasonal decomposition: `sibyl_seasonal_*`.
    case seasonality
    /// Holt-Winters forecasts: `sibyl_forecast_*`.
    case forecast
    /// SLA objectives: `sibyl_slo_*` (the objectives' ranges and their per-series status).
    case objectives

    /// Whether a derived family belongs to this kind.
    /// - Parameter family: the derived metric name (`sibyl_window_max`).
    /// - Returns: `true` when the family is one of this kind's.
    public func contains(family: String) -> Bool {
        switch self {
        case .stats: family.hasPrefix("sibyl_window_")
        case .stationarity: family.hasPrefix("sibyl_adf_") || family == "sibyl_stationary"
        case .acf: family == "sibyl_acf"
        case .seasonality: family.hasPrefix("sibyl_seasonal_")
        case .forecast: family.hasPrefix("sibyl_forecast_")
        case .objectives: family.hasPrefix("sibyl_slo_")
        }
    }

    /// The same test as ``contains(family:)`` in SQL, on the `series.metric` column (the views' predicates).
    var sqlPredicate: String {
        switch self {
        case .stats: "metric GLOB 'sibyl_window_*'"
        case .stationarity: "(metric GLOB 'sibyl_adf_*' OR metric = 'sibyl_stationary')"
        case .acf: "metric = 'sibyl_acf'"
        case .seasonality: "metric GLOB 'sibyl_seasonal_*'"
        case .forecast: "metric GLOB 'sibyl_forecast_*'"
        case .objectives: "metric GLOB 'sibyl_slo_*'"
        }
    }

    /// The kinds' names joined with commas, for messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
