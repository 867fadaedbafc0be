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

    /// The families at `time`.
    /// - Parameters:
    ///   - judged: each budgeted objective with its groups' histories.
    ///   - time: the evaluation time T, Unix milliseconds.
    package func families(
        _ judged: [(ObjectiveSpecification, [[Label]: SLIHistory])], at time: Int64
    ) -> [MetricFamily] {
        typealias Families = ObjectiveFamilies
        let descriptors = Families.budgets
        var families = Dictionary(uniqueKeysWithValues: descriptors.map { ($0, $0.family()) })
        func add(_ family: FamilyDescriptor, _ labels: RenderedLabels?, _ value: Double?) {
            guard let labels, let value, value.isFinite else { return }
            families[family]?.append(labels, value)
        }
        for (specification, histories) in judged {
            guard let budget = specification.budget else { continue }
            let arithmetic = budget.errorBudget
            let objective = (name: "objective", value: specification.name)
            add(Families.target, try? RenderedLabels([objective]), budget.target)
            var windows = ErrorBudgetLedger.windows
            if !windows.contains(budget.period.milliseconds) { windows.append(budget.period.milliseconds) }
            for (group, history) in histories.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
                let base =
                    (!specification.countsEvents
                        ? SourceLabels.base(group) : group.map { (name: $0.name, value: $0.value) }) + [objective]
                let labels = SourceLabels.blocks(base, "window", windows.map(Self.windowLabel)) ?? []
                for (window, labels) in zip(windows, labels) {
                    let events = history.events(endingAt: time, length: window)
                    add(Families.sli, labels, events.ratio)
                    add(Families.burnRate, labels, arithmetic.burnRate(events))
                }
                let period = history.events(endingAt: time, length: budget.period.milliseconds)
                guard let remaining = arithmetic.remaining(period) else { continue }
                add(Families.budgetRemaining, try? RenderedLabels(base), remaining)
                let eta = arithmetic.burnRate(period).flatMap {
                    arithmetic.exhaustionSeconds(remaining: remaining, burnRate: $0)
                }
                let trend = BurnRateTrend(
                    cycles: history.cycles(endingAt: time, length: Self.trendLength), budget: arithmetic, now: time)
                let forecast = trend?.exhaustionSeconds(remaining: remaining, periodSeconds: arithmetic.periodSeconds)
                let bases = SourceLabels.blocks(base, "basis", ["period", "forecast"]) ?? []
                add(Families.budgetExhaustion, bases.first, eta)
                add(Families.budgetExhaustion, bases.last, forecast)
            }
        }
        // Only families with samples: an empty one would still give the archive a family row.
        return descriptors.compactMap { families[$0] }.filter { !$0.samples.isEmpty }
    }
}
