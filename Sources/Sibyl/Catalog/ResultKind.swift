/// A kind of archived result, as `GET /api/v1/results?kind=` and `sibyl query` name it: the families it covers.
public enum ResultKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Window statistics: `sibyl_window_*`.
    case stats
    case histograms
    /// The ADF test: `sibyl_adf_*` and `sibyl_stationary`.
    case stationarity
    /// The autocorrelation function: `sibyl_acf`.
    case acf
    /// The seasonal decomposition: `sibyl_seasonal_*`.
    case seasonality
    /// Holt-Winters forecasts: `sibyl_forecast_*`.
    case forecast
    /// Objectives: `sibyl_slo_*` (the objectives' ranges and their per-series status).
    case objectives

    /// Whether a derived family belongs to this kind.
    /// - Parameter family: the derived metric name (`sibyl_window_max`).
    public func contains(family: String) -> Bool {
        FamilyCatalog.family(named: family)?.kind == self
    }

    /// The same test as ``contains(family:)`` in SQL, on the `series.metric` column (Sloth's error ratio of any
    /// period included in the objectives').
    var sqlPredicate: String {
        let listed = FamilyCatalog.sqlPredicate(FamilyCatalog.all.filter { $0.kind == self })
        return self == .objectives ? "(\(listed) OR metric GLOB '\(SlothFamilies.sliErrorPrefix)*')" : listed
    }

    /// The kinds' names joined with commas, for messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
