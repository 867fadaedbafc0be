import SibylWire

/// The objective families, `sibyl_slo_*`: each objective's range, and per matching series its judgement over each
/// window and the predictions for each bound.
public enum ObjectiveFamilies {
    /// A family of the objective itself, labelled `objective` only.
    static func objective(_ name: String, _ help: String) -> FamilyDescriptor {
        FamilyDescriptor(
            name, labels: ["objective"], sourceLabels: false, kind: .objectives,
            slot: ArchiveSlot(.objectives, quantity(of: name)), help: help)
    }

    /// A family per objective and matching series, and per window or bound (`label`).
    static func status(
        _ name: String, unit: String? = nil, keepsSourceUnit: Bool = false, _ label: String, _ help: String
    ) -> FamilyDescriptor {
        FamilyDescriptor(
            name, unit: unit, keepsSourceUnit: keepsSourceUnit, labels: ["objective", label], kind: .objectives,
            slot: ArchiveSlot(.objectiveStatus, quantity(of: name)), help: help)
    }

    public static let min = objective("sibyl_slo_min", "Lower bound of the objective's allowed range.")
    public static let max = objective("sibyl_slo_max", "Upper bound of the objective's allowed range.")
    public static let series = objective("sibyl_slo_series", "Series the objective's selector matches.")
    public static let violations = status(
        "sibyl_slo_violations", "window", "Samples outside the objective's range in the window.")
    public static let violationSeconds = status(
        "sibyl_slo_violation_seconds", unit: "seconds", "window",
        "Seconds outside the range in the window (sample intervals, gaps capped at 2 steps).")
    public static let complianceRatio = status(
        "sibyl_slo_compliance_ratio", unit: "ratio", "window",
        "Time inside the objective's range over the time covered by samples in the window.")
    public static let worstValue = status(
        "sibyl_slo_worst_value", keepsSourceUnit: true, "window",
        "The sample farthest outside the range in the window, or the nearest miss when none is.")
    public static let predictedViolation = status(
        "sibyl_slo_predicted_violation", "bound",
        "1 when the point forecast crosses the bound within the horizon, else 0.")
    public static let predictedViolationETA = status(
        "sibyl_slo_predicted_violation_eta_seconds", unit: "seconds", "bound",
        "Seconds from the evaluation time to the first forecast step beyond the bound (only while predicted).")
    public static let predictedValue = status(
        "sibyl_slo_predicted_value", keepsSourceUnit: true, "bound",
        "Forecast extreme over the horizon: the lowest value for bound min, the highest for max.")
    public static let intervalViolation = status(
        "sibyl_slo_interval_violation", "bound",
        "1 when the forecast's prediction interval crosses the bound within the horizon.")

    public static let target = objective(
        "sibyl_slo_target",
        "The objective's target: the share of good events (time in range, good requests) over its "
            + "period.")
    public static let sli = status(
        "sibyl_slo_sli", "window",
        "Good events over all events in the window (5m … 3d, and the period): time in range over time covered, or "
            + "good over total requests.")
    public static let burnRate = status(
        "sibyl_slo_burn_rate", "window",
        "The window's error ratio over the budget's (1 - target): 1 spends the budget exactly over the period.")
    public static let budgetRemaining = budget(
        "sibyl_slo_error_budget_remaining",
        "Share of the period's error budget left: 1 untouched, 0 spent, below 0 overspent.")
    public static let budgetExhaustion = status(
        "sibyl_slo_error_budget_exhaustion_eta_seconds", unit: "seconds", "basis",
        "Seconds until the error budget is spent at the period's burn rate (basis=\"period\") or at the trend of the "
            + "last 6h's burn rate (basis=\"forecast\"); absent when it lasts beyond the period.")

    /// A budget family per objective and indicator group, without a further label.
    static func budget(_ name: String, _ help: String) -> FamilyDescriptor {
        FamilyDescriptor(
            name, labels: ["objective"], kind: .objectives,
            slot: ArchiveSlot(.objectiveStatus, quantity(of: name)), help: help)
    }

    /// The families of the objectives' ranges and their judgement (``ObjectiveSeries``).
    public static let judgement = [
        complianceRatio, intervalViolation, max, min, predictedValue, predictedViolation, predictedViolationETA,
        series, violationSeconds, violations, worstValue,
    ]

    /// The families of the objectives' error budgets (``ErrorBudgetSeries``).
    public static let budgets = [target, sli, burnRate, budgetRemaining, budgetExhaustion]

    /// Every objective family.
    public static let all = judgement + budgets
}
