import SibylWire

/// Where the archive keeps a derived family's values, and how its views name them.
public struct ArchiveSlot: Sendable, Hashable {
    /// The view of the family's kind of result (`window_statistics`, `stationarity`, …).
    public let view: ArchiveView
    /// The value of the view's quantity column (`statistic` in `window_statistics`) for this family; `nil` in a
    /// view without one (`autocorrelation`).
    public let quantity: String?
    /// The family's column in a `window_samples` row (0 min, 1 max, 2 avg, 3 stddev, 4 samples), where the five
    /// window statistics of one label set share a row; `nil` for a family stored one value per row.
    public let windowColumn: Int?

    init(_ view: ArchiveView, _ quantity: String?, windowColumn: Int? = nil) {
        self.view = view
        self.quantity = quantity
        self.windowColumn = windowColumn
    }
}

/// A view of the archive presenting one kind of result.
public enum ArchiveView: String, Sendable, Hashable, CaseIterable {
    /// `sibyl_window_*`, quantity column `statistic`.
    case windowStatistics = "window_statistics"
    case histograms
    /// `sibyl_adf_*` and `sibyl_stationary`.
    case stationarity
    /// `sibyl_acf`.
    case autocorrelation
    /// `sibyl_seasonal_*`.
    case seasonality
    /// `sibyl_forecast_*`.
    case forecasts
    /// The objectives' own ranges and series counts.
    case objectives
    /// The objectives' per-series judgements.
    case objectiveStatus = "objective_status"

    /// The families the view presents, from the catalog.
    var families: [FamilyDescriptor] { FamilyCatalog.all.filter { $0.archiveSlot?.view == self } }

    /// `metric IN (…)` over the view's families.
    var predicate: String { FamilyCatalog.sqlPredicate(families) }

    /// The SQL expression of the view's quantity column, from each family's ``ArchiveSlot/quantity``.
    var quantityExpression: String {
        let cases = families.compactMap { family in
            family.archiveSlot?.quantity.map { "WHEN '\(family.name)' THEN '\($0)'" }
        }
        return "CASE metric \(cases.joined(separator: " ")) END"
    }
}

/// The quantity a family's name gives its kind's view: the name after `sibyl_` and the kind's word
/// (`sibyl_adf_pvalue` → `pvalue`, `sibyl_slo_violation_seconds` → `violation_seconds`).
func quantity(of name: String) -> String {
    let rest = name.dropFirst(FamilyCatalog.prefix.count)
    return String(rest.drop { $0 != "_" }.dropFirst())
}
