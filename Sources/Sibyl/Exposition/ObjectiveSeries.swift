import SibylAnalysis
public import SibylWire

/// Turns objective results into the `sibyl_slo_*` families: the range per objective, and per matching series the
/// violations of each window and the predictions for each bound, with the source series' labels (``SourceLabels``).
public struct ObjectiveSeries: Sendable {
    /// Creates a builder.
    public init() {}

    /// The families' names and help texts, in exposition order.
    static let help: [(String, String)] = [
        ("sibyl_slo_compliance_ratio", "Time inside the objective's range over the time covered by samples in the window."),
        ("sibyl_slo_interval_violation", "1 when the forecast's prediction interval crosses the bound within the horizon."),
        ("sibyl_slo_max", "Upper bound of the objective's allowed range."),
        ("sibyl_slo_min", "Lower bound of the objective's allowed range."),
        ("sibyl_slo_predicted_value", "Forecast extreme over the horizon: the lowest value for bound min, the highest for max."),
        ("sibyl_slo_predicted_violation", "1 when the point forecast crosses the bound within the horizon, else 0."),
        (
            "sibyl_slo_predicted_violation_eta_seconds",
            "Seconds from the evaluation time to the first forecast step beyond the bound (only while predicted)."
        ),
        ("sibyl_slo_series", "Series the objective's selector matches."),
        ("sibyl_slo_violation_seconds", "Seconds outside the range in the window (sample intervals, gaps capped at 2 steps)."),
        ("sibyl_slo_violations", "Samples outside the objective's range in the window."),
        ("sibyl_slo_worst_value", "The sample farthest outside the range in the window, or the nearest miss when none is."),
    ]

    private enum Family: Int {
        case compliance, intervalViolation, max, min, predictedValue, predicted, eta, series, seconds, violations, worst
    }

    /// Builds the families of the objectives' latest results.
    /// - Parameter results: one result per objective.
    /// - Returns: the families.
    public func families(for results: [ObjectiveResult]) -> [MetricFamily] {
        var families = Self.help.compactMap { try? MetricFamily(name: $0.0, kind: .gauge, help: $0.1) }
        guard families.count == Self.help.count else { return [] }
        func add(_ family: Family, _ labels: RenderedLabels?, _ value: Double?) {
            guard let labels, let value else { return }
            families[family.rawValue].append(labels, value)
        }
        for result in results {
            let specification = result.specification
            let objective = (name: "objective", value: specification.name)
            let plain = try? RenderedLabels([objective])
            add(.min, plain, specification.range.min)
            add(.max, plain, specification.range.max)
            add(.series, plain, Double(result.series.count))
            for series in result.series {
                let base = SourceLabels.base(series.labels) + [objective]
                let windows = SourceLabels.blocks(
                    base, "window", series.windows.map { PrometheusDuration(milliseconds: $0.milliseconds).description })
                for (labels, window) in zip(windows ?? [], series.windows) {
                    let compliance = window.compliance
                    add(.violations, labels, Double(compliance.samplesOutside))
                    add(.seconds, labels, compliance.secondsOutside)
                    add(.compliance, labels, compliance.complianceRatio)
                    add(.worst, labels, compliance.worst?.value)
                }
                let bounds = SourceLabels.blocks(base, "bound", series.predictions.map(\.violation.bound.rawValue))
                for (labels, prediction) in zip(bounds ?? [], series.predictions) {
                    let violation = prediction.violation
                    add(.predicted, labels, violation.isPredicted ? 1 : 0)
                    add(.eta, labels, prediction.etaSeconds)
                    add(.predictedValue, labels, violation.predictedExtreme)
                    add(.intervalViolation, labels, violation.intervalViolates.map { $0 ? 1 : 0 })
                }
            }
        }
        return families
    }
}
