package import SibylAnalysis
package import SibylWire

/// Turns the budgeted objectives' histories into their families: per objective its target, and per indicator group
/// the indicator and burn rate of each window and of the period, the budget left, and when it runs out.
package struct ErrorBudgetSeries: Sendable {
    /// Creates a builder.
    package init() {}

    /// The `window` label of a window: whole days as `1d`, `30d` (Prometheus would print `4w2d`), others as
    /// Prometheus durations (`5m`, `6h`).
    package static func windowLabel(_ milliseconds: Int64) -> String {
        milliseconds % 86_400_000 == 0
            ? "\(milliseconds / 86_400_000)d" : PrometheusDuration(milliseconds: milliseconds).description
    }

    /// How far back the burn rate's trend is fitted for the forecast basis of the exhaustion ETA: the longest
    /// page-alert window, 6 h.
    package static let trendLength: Int64 = 21_600_000

    /// Each budgeted objective's report at `time`.
    /// - Parameters:
    ///   - judged: each budgeted objective with its groups' histories.
    ///   - time: the evaluation time T, Unix milliseconds.
    /// - Returns: one report per objective with a budget, in the order of `judged`.
    package static func reports(
        _ judged: [(ObjectiveSpecification, [[Label]: SLIHistory])], at time: Int64
    ) -> [ErrorBudgetReport] {
        judged.compactMap { specification, histories in
            specification.budget.map { ErrorBudgetReport(specification, budget: $0, histories: histories, at: time) }
        }
    }

    /// The families of `reports`: per objective its target, per group the indicator and burn rate of each window,
    /// the budget left and the exhaustion ETA of each basis (values that do not exist are left out).
    /// - Parameter reports: the objectives' reports.
    package func families(_ reports: [ErrorBudgetReport]) -> [MetricFamily] {
        typealias Families = ObjectiveFamilies
        let descriptors = Families.budgets
        var families = Dictionary(uniqueKeysWithValues: descriptors.map { ($0, $0.family()) })
        func add(_ family: FamilyDescriptor, _ labels: RenderedLabels?, _ value: Double?) {
            guard let labels, let value, value.isFinite else { return }
            families[family]?.append(labels, value)
        }
        for report in reports {
            let objective = (name: "objective", value: report.objective)
            add(Families.target, try? RenderedLabels([objective]), report.target)
            for group in report.groups {
                let base =
                    (report.groupsAreSeries
                        ? SourceLabels.base(group.labels) : group.labels.map { (name: $0.name, value: $0.value) })
                    + [objective]
                let labels = SourceLabels.blocks(base, "window", group.windows.map(\.label)) ?? []
                for (window, labels) in zip(group.windows, labels) {
                    add(Families.sli, labels, window.sli)
                    add(Families.burnRate, labels, window.burnRate)
                }
                guard let remaining = group.remaining else { continue }
                add(Families.budgetRemaining, try? RenderedLabels(base), remaining)
                let bases = SourceLabels.blocks(base, "basis", ["period", "forecast"]) ?? []
                add(Families.budgetExhaustion, bases.first, group.periodEtaSeconds)
                add(Families.budgetExhaustion, bases.last, group.forecastEtaSeconds)
            }
        }
        // Only families with samples: an empty one would still give the archive a family row.
        return descriptors.compactMap { families[$0] }.filter { !$0.samples.isEmpty }
    }
}
