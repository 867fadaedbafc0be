import SibylAnalysis
package import SibylWire

/// Turns objective results into the `sibyl_slo_*` families: the range per objective, and per matching series the
/// violations of each window and the predictions for each bound, with the source series' labels (``SourceLabels``).
package struct ObjectiveSeries: Sendable {
    /// Creates a builder.
    package init() {}

    /// Builds the families of the objectives' latest results.
    /// - Parameter results: one result per objective.
    /// - Returns: the families.
    package func families(for results: [ObjectiveResult]) -> [MetricFamily] {
        typealias Families = ObjectiveFamilies
        var families = Dictionary(uniqueKeysWithValues: Families.judgement.map { ($0, $0.family()) })
        func add(_ family: FamilyDescriptor, _ labels: RenderedLabels?, _ value: Double?) {
            guard let labels, let value else { return }
            families[family]?.append(labels, value)
        }
        for result in results {
            let specification = result.specification
            let objective = (name: "objective", value: specification.name)
            let plain = try? RenderedLabels([objective])
            add(Families.min, plain, specification.range?.min)
            add(Families.max, plain, specification.range?.max)
            add(Families.series, plain, Double(result.series.count))
            for series in result.series {
                let base = SourceLabels.base(series.labels) + [objective]
                let windows = SourceLabels.blocks(
                    base, "window", series.windows.map { PrometheusDuration(milliseconds: $0.milliseconds).description }
                )
                for (labels, window) in zip(windows ?? [], series.windows) {
                    let compliance = window.compliance
                    add(Families.violations, labels, Double(compliance.samplesOutside))
                    add(Families.violationSeconds, labels, compliance.secondsOutside)
                    add(Families.complianceRatio, labels, compliance.complianceRatio)
                    add(Families.worstValue, labels, compliance.worst?.value)
                }
                let bounds = SourceLabels.blocks(base, "bound", series.predictions.map(\.violation.bound.rawValue))
                for (labels, prediction) in zip(bounds ?? [], series.predictions) {
                    let violation = prediction.violation
                    add(Families.predictedViolation, labels, prediction.isPredicted ? 1 : 0)
                    add(Families.predictedViolationETA, labels, prediction.etaSeconds)
                    add(Families.predictedValue, labels, violation.predictedExtreme)
                    add(Families.intervalViolation, labels, violation.intervalViolates.map { $0 ? 1 : 0 })
                }
            }
        }
        return Families.judgement.compactMap { families[$0] }
    }
}
