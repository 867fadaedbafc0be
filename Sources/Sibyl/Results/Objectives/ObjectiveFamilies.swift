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

    /// Every objective family.
    public static let all = [
        complianceRatio, intervalViolation, max, min, predictedValue, predictedViolation, predictedViolationETA,
        series, violationSeconds, violations, worstValue,
    ]
}
