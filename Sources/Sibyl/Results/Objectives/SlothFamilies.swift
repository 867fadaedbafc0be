/// The families of Sloth's recording rules (`slo.sloth_compatible`), so that Sloth's Grafana dashboards work on
/// Sibyl: the names, labels and meaning its generator gives them (github.com/slok/sloth, the `sli_rules/v1` and
/// `metadata_rules/v1` plugins), one set per budgeted objective (`sloth_slo`) and indicator group.
public enum SlothFamilies {
    /// The labels naming an objective: `sloth_id` is `<service>-<objective>`, as Sloth forms it.
    static let objectiveLabels = ["sloth_id", "sloth_service", "sloth_slo"]
    /// The start of every indicator family's name; the rest is its window.
    static let sliErrorPrefix = "slo:sli_error:ratio_rate"
    /// The period Sloth's dashboards assume, and the one the catalog lists (another period's family has its name).
    static let defaultPeriod: Int64 = 30 * 86_400_000

    /// The error ratio family of a window, `slo:sli_error:ratio_rate<window>`, the window in Sloth's spelling
    /// (``duration(_:)``).
    static func sliError(_ window: String) -> FamilyDescriptor {
        FamilyDescriptor(
            sloth: sliErrorPrefix + window, labels: objectiveLabels + ["sloth_window"],
            help: "Sloth's error ratio over \(window) (bad over all events; and the indicator group's labels)"
                + (window == duration(defaultPeriod)
                    ? ": for the period (slo:sli_error:ratio_rate<period>), the mean of the 5m ratios of its cycles."
                    : "."))
    }

    /// A family of Sloth's meta rules.
    static func meta(_ name: String, window: Bool, _ help: String) -> FamilyDescriptor {
        FamilyDescriptor(sloth: name, labels: objectiveLabels + (window ? ["sloth_window"] : []), help: help)
    }

    /// The error ratio families of the budget windows and of the default period, shortest first.
    public static let sliErrors = (ErrorBudgetLedger.windows + [defaultPeriod]).map { sliError(duration($0)) }
    public static let objective = meta("slo:objective:ratio", window: false, "Sloth's objective: the target.")
    public static let errorBudget = meta(
        "slo:error_budget:ratio", window: false, "Sloth's error budget ratio: 1 - target.")
    public static let timePeriod = meta("slo:time_period:days", window: false, "Sloth's period, in days.")
    public static let currentBurnRate = meta(
        "slo:current_burn_rate:ratio", window: true,
        "Sloth's current burn rate: the 5m error ratio over the error budget ratio (sloth_window=\"5m\").")
    public static let periodBurnRate = meta(
        "slo:period_burn_rate:ratio", window: true,
        "Sloth's period burn rate: the period's error ratio (the mean of its 5m ones) over the error budget ratio.")
    public static let periodBudgetRemaining = meta(
        "slo:period_error_budget_remaining:ratio", window: true,
        "Sloth's error budget left over the period: 1 - the period burn rate.")
    public static let info = FamilyDescriptor(
        sloth: "sloth_slo_info",
        labels: objectiveLabels + ["sloth_mode", "sloth_objective", "sloth_spec", "sloth_version"],
        help: "Sloth's SLO info, always 1: sloth_objective is the target in percent, sloth_mode \"sibyl\".")

    /// Every Sloth family the catalog lists.
    public static let all =
        sliErrors + [
            objective, errorBudget, timePeriod, currentBurnRate, periodBurnRate, periodBudgetRemaining, info,
        ]

    /// Whether `name` is one of Sloth's families: a listed one, or the error ratio family of any period.
    static func contains(_ name: String) -> Bool { family(named: name) != nil }

    /// The Sloth family called `name`: a listed one, or `slo:sli_error:ratio_rate<period>` for a period in
    /// Sloth's spelling.
    static func family(named name: String) -> FamilyDescriptor? {
        if let listed = all.first(where: { $0.name == name }) { return listed }
        guard name.hasPrefix(sliErrorPrefix) else { return nil }
        let window = String(name.dropFirst(sliErrorPrefix.count))
        guard let parsed = try? PrometheusDuration(parsing: window), parsed.milliseconds > 0,
            duration(parsed.milliseconds) == window
        else { return nil }
        return sliError(window)
    }

    /// A duration as Sloth spells it (prometheus/common's `model.Duration`): years and weeks only when they divide
    /// it exactly, then days, hours, minutes, seconds and milliseconds (`30d`, `4w`, `1h30m`).
    /// - Parameter milliseconds: the duration, positive.
    /// - Returns: the text.
    static func duration(_ milliseconds: Int64) -> String {
        guard milliseconds > 0 else { return "0s" }
        let day: Int64 = 86_400_000
        let units: [(String, Int64, exact: Bool)] = [
            ("y", 365 * day, true), ("w", 7 * day, true), ("d", day, false), ("h", 3_600_000, false),
            ("m", 60_000, false), ("s", 1000, false), ("ms", 1, false),
        ]
        var rest = milliseconds
        var text = ""
        for (unit, size, exact) in units where !(exact && rest % size != 0) && rest >= size {
            text += "\(rest / size)\(unit)"
            rest %= size
        }
        return text
    }
}
