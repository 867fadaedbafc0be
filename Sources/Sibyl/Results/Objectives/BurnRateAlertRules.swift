import SibylWire

/// Prometheus alerting rules for the objectives' error budgets: multi-window, multi-burn-rate alerts on
/// `sibyl_slo_burn_rate`, as the SRE workbook ("Alerting on SLOs", recipe 6) and Sloth write them (`sibyl rules`).
///
/// The burn rate over a window is the error ratio over that window divided by the objective's budget ratio
/// (1 − target): at 1 the budget lasts exactly the period. Each objective gets two rules, both named
/// `SibylErrorBudgetBurn` and told apart by their `severity` label, each the `or` of two window pairs
/// (``windowPairs``):
///
/// | severity | long window | short window | budget spent in the long window | factor at 30d |
/// |---|---|---|---|---|
/// | `page` | 1h | 5m | 2 % | 14.4 |
/// | `page` | 6h | 30m | 5 % | 6 |
/// | `ticket` | 1d | 2h | 10 % | 3 |
/// | `ticket` | 3d | 6h | 10 % | 1 |
///
/// A pair fires when the burn rate is above its factor over both windows: the long window says enough budget went,
/// the short one that it is still going, so the alert resolves soon after the burn stops. The factor scales with
/// the period as in the workbook and Sloth: factor = budget fraction × period ÷ long window
/// (``WindowPair/factor(period:)``), so that the same share of the budget is spent whatever the period (at 7d the
/// page factors are 3.36 and 1.4).
///
/// ```yaml
/// - alert: SibylErrorBudgetBurn
///   expr: |-
///     max without (window) (
///       sibyl_slo_burn_rate{objective="api", window="1h"} > 14.4
///       and ignoring (window)
///       sibyl_slo_burn_rate{objective="api", window="5m"} > 14.4
///     )
///     or
///     max without (window) (…6h and 30m above 6…)
///   keep_firing_for: 5m
///   labels:
///     objective: "api"
///     severity: page
/// ```
///
/// - The objective's SLI group labels (a ratio objective's `by:` labels, a range objective's source-series labels)
///   stay on the alert: `and ignoring (window)` matches the two windows of one group, and `max without (window)`
///   drops the window so that the two pairs of a severity give one alert per group, whose value is the burn rate
///   over the long window of the first pair that fires.
/// - Each rule also sets the `objective` label its series already have: promtool's lint refuses two rules with the
///   same alert name and labels, as the rules of two objectives would otherwise be.
/// - There is no `for:` (the workbook uses none: the short window already confirms); `keep_firing_for` instead
///   keeps a resolved alert firing a while (``Configuration``), so a burn hovering at the factor, or a scrape of
///   Sibyl that fails, does not notify again. promtool and Prometheus 2.42 accept it.
/// - Each objective is one rule group, `sibyl-slo-<name>`, in the order given: its rules are evaluated together,
///   and Prometheus' rules page shows one group per objective.
/// - The text is deterministic: the same objectives and configuration give the same bytes.
package struct BurnRateAlertRules: Sendable {
    /// What the rules are generated for: an objective with an error budget.
    package struct Objective: Sendable, Hashable {
        /// The objective's name, `[a-zA-Z0-9_-]+`: the `objective` label of its series.
        package var name: String
        /// The share of good events or time it aims for, in (0, 1), e.g. 0.999.
        package var target: Double
        /// The period the budget is counted over, in milliseconds (30 days by default).
        package var periodMilliseconds: Int64
        /// The objective's description, quoted in the alerts' descriptions.
        package var description: String?

        /// Creates an objective.
        /// - Parameters:
        ///   - name: its name.
        ///   - target: its target ratio.
        ///   - periodMilliseconds: its budget period.
        ///   - description: its description, if any.
        package init(name: String, target: Double, periodMilliseconds: Int64, description: String? = nil) {
            self.name = name
            self.target = target
            self.periodMilliseconds = periodMilliseconds
            self.description = description
        }
    }

    /// How urgent an alert is: its `severity` label.
    package enum Severity: String, Sendable, Hashable, CaseIterable {
        /// Wake someone: the budget goes within days.
        case page
        /// Look at it in working hours: the budget goes before the period ends.
        case ticket
    }

    /// One multi-window condition: the burn rate above the pair's factor over both windows.
    package struct WindowPair: Sendable, Hashable {
        /// The severity of the alert the pair belongs to.
        package var severity: Severity
        /// The long window, which measures how much budget went.
        package var long: PrometheusDuration
        /// The short window (1/12 of the long one), which confirms the burn still goes on.
        package var short: PrometheusDuration
        /// The percentage of the period's budget that a burn at the factor spends in the long window.
        package var budgetPercent: Int

        /// The burn-rate threshold for a period: `budgetPercent / 100 × period / long`.
        /// - Parameter period: the objective's budget period in milliseconds.
        /// - Returns: the factor, e.g. 14.4 for the 1h pair at 30d.
        package func factor(period: Int64) -> Double {
            Double(budgetPercent) * Double(period) / (100 * Double(long.milliseconds))
        }
    }

    /// The alerts' settings, with defaults for each.
    package struct Configuration: Sendable, Hashable {
        /// The `runbook_url` annotation of every alert: by default the README's section on error budgets, relative to
        /// the repository; set it to where the documentation is served.
        package var runbookURL: String
        /// How long a page keeps firing after its condition ends: 5m by default, five of Sibyl's evaluation cycles
        /// at the default interval, which bridges a failed scrape without holding a page long after the burn stopped.
        /// Zero leaves `keep_firing_for` out.
        package var pageKeepFiringFor: PrometheusDuration
        /// How long a ticket keeps firing after its condition ends: 30m by default, as its windows are hours long and a
        /// ticket reopened within the half hour is noise. Zero leaves `keep_firing_for` out.
        package var ticketKeepFiringFor: PrometheusDuration

        /// The README's section on error budgets.
        package static let defaultRunbookURL = "README.md#error-budgets"

        /// Creates a configuration.
        /// - Parameters:
        ///   - runbookURL: the `runbook_url` annotation.
        ///   - pageKeepFiringFor: `keep_firing_for` of the page alerts.
        ///   - ticketKeepFiringFor: `keep_firing_for` of the ticket alerts.
        package init(
            runbookURL: String = Self.defaultRunbookURL,
            pageKeepFiringFor: PrometheusDuration = PrometheusDuration(milliseconds: 300_000),
            ticketKeepFiringFor: PrometheusDuration = PrometheusDuration(milliseconds: 1_800_000)
        ) {
            self.runbookURL = runbookURL
            self.pageKeepFiringFor = pageKeepFiringFor
            self.ticketKeepFiringFor = ticketKeepFiringFor
        }

        /// `keep_firing_for` of the alerts of `severity`.
        /// - Parameter severity: page or ticket.
        /// - Returns: the duration, zero for none.
        package func keepFiringFor(_ severity: Severity) -> PrometheusDuration {
            switch severity {
            case .page: pageKeepFiringFor
            case .ticket: ticketKeepFiringFor
            }
        }
    }

    /// The alert name, the same for both severities and every objective (the labels tell them apart).
    package static let alertName = "SibylErrorBudgetBurn"
    /// The gauge the rules read.
    package static let metricName = ObjectiveFamilies.burnRate.name

    private static let minute: Int64 = 60_000
    private static let hour: Int64 = 3_600_000

    /// The window pairs, as in the SRE workbook's table for 30 days (the factors scaled to other periods).
    package static let windowPairs: [WindowPair] = [
        WindowPair(
            severity: .page, long: .init(milliseconds: hour), short: .init(milliseconds: 5 * minute), budgetPercent: 2),
        WindowPair(
            severity: .page, long: .init(milliseconds: 6 * hour), short: .init(milliseconds: 30 * minute),
            budgetPercent: 5),
        WindowPair(
            severity: .ticket, long: .init(milliseconds: 24 * hour), short: .init(milliseconds: 2 * hour),
            budgetPercent: 10),
        WindowPair(
            severity: .ticket, long: .init(milliseconds: 72 * hour), short: .init(milliseconds: 6 * hour),
            budgetPercent: 10),
    ]

    /// The windows the rules read, shortest first: every `window` label value the engine must expose.
    package static var windows: [PrometheusDuration] {
        Set(windowPairs.flatMap { [$0.long, $0.short] }).sorted()
    }

    /// The objectives, in the order their groups are written.
    package var objectives: [Objective]
    /// The alerts' settings.
    package var configuration: Configuration

    /// Creates the rules for `objectives`.
    ///
    /// The caller validates the objectives (names `[a-zA-Z0-9_-]+`, unique; 0 < target < 1; a positive period); the
    /// text escapes whatever it is given, so other values give rules that are valid YAML, if not useful.
    /// - Parameters:
    ///   - objectives: the objectives with a target.
    ///   - configuration: the alerts' settings.
    package init(objectives: [Objective], configuration: Configuration = Configuration()) {
        self.objectives = objectives
        self.configuration = configuration
    }

    /// The rule file: a header comment, then one group per objective (`groups: []` for none).
    package var text: String {
        var out = """
            # Error-budget burn-rate alerts for Sibyl's objectives (sibyl_slo_burn_rate), written by
            # `sibyl rules`: regenerate rather than edit.
            #
            # SibylErrorBudgetBurn pages (severity: page) when an objective's burn rate, its error ratio over a
            # window / (1 - target), is above 14.4 over 1h and 5m or above 6 over 6h and 30m, and opens a ticket
            # (severity: ticket) above 3 over 1d and 2h or above 1 over 3d and 6h: the factors for a 30d period,
            # scaled to each objective's period so that the same share of its budget goes in the long window.
            # One alert per objective and SLI group, with the group's labels; keep_firing_for holds it a while
            # after the burn rate drops.

            """
        guard !objectives.isEmpty else { return out + "groups: []\n" }
        out += "groups:\n"
        for objective in objectives {
            out += "  - name: \(Self.yamlQuoted("sibyl-slo-\(objective.name)"))\n"
            out += "    rules:\n"
            for severity in Severity.allCases {
                out += rule(objective, severity)
            }
        }
        return out
    }

    /// One alerting rule, indented for a group's `rules:`.
    private func rule(_ objective: Objective, _ severity: Severity) -> String {
        let pairs = Self.windowPairs.filter { $0.severity == severity }
        var out = "      - alert: \(Self.alertName)\n"
        out += "        expr: |-\n"
        for (index, pair) in pairs.enumerated() {
            let selector = { (window: PrometheusDuration) in
                let matchers = [
                    LabelMatcher("objective", .equal, objective.name), LabelMatcher("window", .equal, "\(window)"),
                ]
                return "\(Self.metricName){\(matchers.map(\.description).joined(separator: ", "))}"
            }
            let factor = Self.number(pair.factor(period: objective.periodMilliseconds))
            if index > 0 { out += "          or\n" }
            out += "          max without (window) (\n"
            out += "            \(selector(pair.long)) > \(factor)\n"
            out += "            and ignoring (window)\n"
            out += "            \(selector(pair.short)) > \(factor)\n"
            out += "          )\n"
        }
        let keepFiringFor = configuration.keepFiringFor(severity)
        if keepFiringFor.milliseconds > 0 { out += "        keep_firing_for: \(keepFiringFor)\n" }
        out += "        labels:\n"
        out += "          objective: \(Self.yamlQuoted(Self.templateLiteral(objective.name)))\n"
        out += "          severity: \(severity.rawValue)\n"
        out += "        annotations:\n"
        for (name, value) in annotations(objective, severity) {
            out += "          \(name): \(Self.yamlQuoted(value))\n"
        }
        return out
    }

    /// The annotations of an objective's alert of one severity, as templates: `summary` (with the burn rate,
    /// `$value`), `description` (the objective's, then the conditions) and `runbook_url`.
    /// - Parameters:
    ///   - objective: the objective.
    ///   - severity: the alert's severity.
    /// - Returns: the annotations' names and templates, in the order written.
    package func annotations(_ objective: Objective, _ severity: Severity) -> [(name: String, template: String)] {
        let pairs = Self.windowPairs.filter { $0.severity == severity }
        return [
            ("summary", summary(objective, severity)), ("description", description(objective, pairs)),
            ("runbook_url", Self.templateLiteral(configuration.runbookURL)),
        ]
    }

    /// `Objective <name> burns its 30d error budget fast: {{ $value | humanize }} times the sustainable rate`.
    private func summary(_ objective: Objective, _ severity: Severity) -> String {
        let pace = severity == .page ? "fast" : "steadily"
        return "Objective \(Self.templateLiteral(objective.name)) burns its \(Self.period(objective)) error budget "
            + "\(pace): {{ $value | humanize }} times the sustainable rate"
    }

    /// The objective's description, then what fired: each pair's windows, factor and share of the budget.
    private func description(_ objective: Objective, _ pairs: [WindowPair]) -> String {
        let conditions = pairs.map { pair in
            "above \(Self.number(pair.factor(period: objective.periodMilliseconds))) over \(pair.long) and "
                + "\(pair.short) (\(pair.budgetPercent) % of the budget in \(pair.long))"
        }
        var text = ""
        if let description = objective.description, !description.isEmpty {
            text = Self.templateLiteral(description) + (description.hasSuffix(".") ? " " : ". ")
        }
        text += "The burn rate of objective \(Self.templateLiteral(objective.name)) (target "
        text += "\(Self.number(objective.target)) over \(Self.period(objective))) is "
        return text + conditions.joined(separator: ", or ") + "."
    }

    /// The objective's period as the annotations write it: whole days in days (`30d`, where Prometheus writes
    /// `4w2d`), anything else as Prometheus does.
    static func period(_ objective: Objective) -> String {
        let day: Int64 = 86_400_000
        let milliseconds = objective.periodMilliseconds
        return milliseconds > 0 && milliseconds % day == 0
            ? "\(milliseconds / day)d" : PrometheusDuration(milliseconds: milliseconds).description
    }

    /// A number as PromQL and the annotations write it: integers without a fraction, others in Swift's shortest
    /// form that reads back as the same `Double` (`14.4`, `0.23333333333333334`).
    static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }

    /// A YAML double-quoted scalar, escaped as PromQL escapes a label value (``LabelMatcher``'s description): `\`
    /// and `"`, control characters as `\n`, `\t`, `\xNN` or `\uNNNN`, escapes that YAML's double-quoted style shares.
    static func yamlQuoted(_ text: String) -> String {
        String(LabelMatcher("_", .equal, text).description.dropFirst(2))
    }

    /// Text that the alert templates print as is: `{{` starts a Go template action, so it is written as one that
    /// prints `{{`.
    static func templateLiteral(_ text: String) -> String {
        text.replacing("{{", with: "{{ \"{{\" }}")
    }
}

extension BurnRateAlertRules.Objective {
    /// The objectives of a configuration file that have a target, in the file's order.
    /// - Parameter objectives: the file's objectives.
    /// - Returns: one per budgeted objective.
    package static func budgeted(_ objectives: [ObjectiveConfiguration]) -> [Self] {
        objectives.compactMap { entry in
            entry.objective.budget.map { budget in
                Self(
                    name: entry.objective.name, target: budget.target,
                    periodMilliseconds: budget.period.milliseconds, description: entry.objective.description)
            }
        }
    }
}
