package import SibylWire

/// The unit of the values an objective judges, so that the status page writes `2.58 GiB` rather than `2770000000`.
///
/// It comes from the series' metric name: a `sibyl_…` family's unit in the ``FamilyCatalog`` (or, for a family
/// that keeps its source's unit, the `metric` label's name), else the Prometheus unit suffix of the name
/// (`_bytes`, `_seconds`, `_ratio`, before a counter's `_total`). The per-second rate of a counter is in the
/// unit per second: `_bytes_total` rated is bytes per second, `_seconds_total` rated is seconds per second, a
/// share of the time (a CPU's busy time), shown as a percentage.
package enum ValueUnit: Sendable, Hashable {
    /// No known unit: plain numbers, large ones with an SI prefix (`2.77G`).
    case plain
    /// Bytes, in powers of 1024 (`2.58 GiB`).
    case bytes
    /// Seconds, as a duration (`1h 30m`, `250 ms`).
    case seconds
    /// A ratio, as a percentage (`97.3 %`).
    case ratio
    /// Bytes per second (`1.5 MiB/s`).
    case bytesPerSecond
    /// Events per second, the rate of a counter without a unit (`12.5/s`).
    case perSecond

    /// The unit a metric name ends with, its rate's when `isRate`.
    /// - Parameters:
    ///   - metricName: the metric name (`node_memory_MemFree_bytes`), `nil` when unknown.
    ///   - isRate: whether the per-second rate of the series is shown.
    package init(metricName: String?, isRate: Bool) {
        guard let metricName else {
            self = isRate ? .perSecond : .plain
            return
        }
        let stem = metricName.hasSuffix("_total") ? String(metricName.dropLast("_total".count)) : metricName
        switch (Self.suffixUnit(stem), isRate) {
        case (.bytes, false): self = .bytes
        case (.bytes, true): self = .bytesPerSecond
        case (.seconds, false): self = .seconds
        case (.seconds, true): self = .ratio
        case (.ratio, false): self = .ratio
        case (_, true): self = .perSecond
        default: self = .plain
        }
    }

    /// The unit of the series a selector picks: from its metric name, through the family catalog for Sibyl's
    /// own families.
    /// - Parameters:
    ///   - selector: the objective's selector.
    ///   - isRate: whether the per-second rate is judged.
    package init(selector: SeriesSelector, isRate: Bool) {
        let name = selector.metricName
        guard let name, let family = FamilyCatalog.family(named: name) else {
            self.init(metricName: name, isRate: isRate)
            return
        }
        if let unit = family.unit {
            self.init(metricName: "_" + unit, isRate: isRate)
        } else if family.keepsSourceUnit {
            let source = selector.matchers.first { $0.name == "metric" && $0.kind == .equal }?.value
            self.init(metricName: source, isRate: isRate)
        } else {
            self.init(metricName: nil, isRate: isRate)
        }
    }

    /// The unit named by the end of a metric name without `_total`.
    private static func suffixUnit(_ stem: String) -> Self? {
        if stem.hasSuffix("_bytes") { return .bytes }
        if stem.hasSuffix("_seconds") { return .seconds }
        if stem.hasSuffix("_ratio") { return .ratio }
        return nil
    }
}
