package import SibylAnalysis
package import SibylWire

/// What a budgeted objective's error budget says at one judgement, per indicator group: the indicator and burn rate
/// of every window and of the period, the budget left, and when it runs out on each basis.
///
/// The one place these values are computed: ``ErrorBudgetSeries`` renders the `sibyl_slo_*` budget families from
/// the reports, and the status API, `sibyl slo status` and the status page show them.
package struct ErrorBudgetReport: Sendable, Hashable {
    /// One window's indicator and burn rate.
    package struct Window: Sendable, Hashable {
        /// The window's length, in milliseconds.
        package var milliseconds: Int64
        /// Good events over all events, `nil` when the window had none.
        package var sli: Double?
        /// The window's burn rate, `nil` when it had no events.
        package var burnRate: Double?

        /// The `window` label: `5m`, `1d`, `30d` (``ErrorBudgetSeries/windowLabel(_:)``).
        package var label: String { ErrorBudgetSeries.windowLabel(milliseconds) }
    }

    /// One indicator group's budget.
    package struct Group: Sendable, Hashable {
        /// The group's labels: a range objective's series (`__name__` included), a ratio or latency objective's
        /// `by` values; sorted by name.
        package var labels: [Label]
        /// The windows of ``ErrorBudgetLedger/windows`` then the period (unless it is one of them).
        package var windows: [Window]
        /// The share of the budget left over the period, `nil` when the period had no events.
        package var remaining: Double?
        /// Seconds until the budget is spent at the period's burn rate (`basis="period"`), `nil` when it outlasts
        /// the period.
        package var periodEtaSeconds: Double?
        /// Seconds until the budget is spent if the last 6 h's burn-rate trend holds (`basis="forecast"`).
        package var forecastEtaSeconds: Double?

        /// The window of `milliseconds`, if reported.
        package func window(_ milliseconds: Int64) -> Window? { windows.first { $0.milliseconds == milliseconds } }
    }

    /// The objective's name.
    package var objective: String
    /// The target share of good events.
    package var target: Double
    /// The budget's period.
    package var period: PrometheusDuration
    /// Whether the groups are series' labels (a range objective), rendered as derived series' labels are.
    package var groupsAreSeries: Bool
    /// The groups, ordered by labels.
    package var groups: [Group]

    /// Computes the report of `specification` at `time` from its groups' histories.
    /// - Parameters:
    ///   - specification: the objective.
    ///   - budget: its budget.
    ///   - histories: each group's events, cycle by cycle.
    ///   - time: the end of the windows, Unix milliseconds.
    package init(
        _ specification: ObjectiveSpecification, budget: ObjectiveBudget, histories: [[Label]: SLIHistory],
        at time: Int64
    ) {
        objective = specification.name
        target = budget.target
        period = budget.period
        groupsAreSeries = !specification.countsEvents
        let arithmetic = budget.errorBudget
        var lengths = ErrorBudgetLedger.windows
        if !lengths.contains(budget.period.milliseconds) { lengths.append(budget.period.milliseconds) }
        groups = histories.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }).map { labels, history in
            let windows = lengths.map { length in
                let events = history.events(endingAt: time, length: length)
                return Window(milliseconds: length, sli: events.ratio, burnRate: arithmetic.burnRate(events))
            }
            let period = history.events(endingAt: time, length: budget.period.milliseconds)
            guard let remaining = arithmetic.remaining(period) else {
                return Group(labels: labels, windows: windows)
            }
            let eta = arithmetic.burnRate(period).flatMap {
                arithmetic.exhaustionSeconds(remaining: remaining, burnRate: $0)
            }
            let trend = BurnRateTrend(
                cycles: history.cycles(endingAt: time, length: ErrorBudgetSeries.trendLength), budget: arithmetic,
                now: time)
            return Group(
                labels: labels, windows: windows, remaining: remaining, periodEtaSeconds: eta,
                forecastEtaSeconds: trend?.exhaustionSeconds(
                    remaining: remaining, periodSeconds: arithmetic.periodSeconds))
        }
    }

    /// The group with the least budget left (a group without events counts as untouched), if any.
    package var worstGroup: Group? {
        groups.min { ($0.remaining ?? .infinity) < ($1.remaining ?? .infinity) }
    }
}
