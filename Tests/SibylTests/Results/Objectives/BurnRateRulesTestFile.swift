import Foundation
import SibylWire

@testable import Sibyl

/// A `promtool test rules` file for the rules of a ``BurnRateAlertRules``: per case, a made-up history of one SLI
/// group (``BurnRateHistory``) and the alerts expected, found by evaluating the rules on it minute by minute as
/// Prometheus does (including `keep_firing_for`).
///
/// The file checks the alerts around every change: the minute before each alert fires, the minute it fires, the
/// last minute it fires and the minute after, and the end of the history; at each, every firing alert of the name
/// with its labels and annotations.
struct BurnRateRulesTestFile {
    /// One test group: an SLI group's history.
    struct Case {
        /// Why the case is there, written as a comment above it.
        var comment: String
        /// The objective the history belongs to (one of the rules').
        var objective: BurnRateAlertRules.Objective
        /// The SLI group's labels, besides `objective` and `window`.
        var labels: [(name: String, value: String)]
        /// The burn rate, minute by minute.
        var history: BurnRateHistory
    }

    /// The rules under test.
    let rules: BurnRateAlertRules

    /// The `sibyl_slo_burn_rate` values of each window over a case's history, as promtool reads them.
    func series(_ history: BurnRateHistory) -> [PrometheusDuration: [Double]] {
        var series: [PrometheusDuration: [Double]] = [:]
        for window in BurnRateAlertRules.windows {
            let values = history.values(window: Int(window.milliseconds / 60_000))
            series[window] = BurnRateHistory.expand(BurnRateHistory.notation(values))
        }
        return series
    }

    /// The alerts firing at each minute of a case's history: per severity, the alert's value.
    ///
    /// An alert is active while one of its window pairs has both burn rates above the pair's factor; its value is
    /// the long window's burn rate of the first such pair (the `or` keeps the left side). Once inactive it keeps
    /// firing, with its last value, while less than `keep_firing_for` has passed since the first inactive minute.
    /// - Parameter case: the case.
    /// - Returns: one dictionary per minute, from 0 to the end of the history.
    func firing(_ case: Case) -> [[BurnRateAlertRules.Severity: Double]] {
        let series = series(`case`.history)
        var lastActive: [BurnRateAlertRules.Severity: (minute: Int, value: Double)] = [:]
        return (0...`case`.history.minutes.count).map { minute in
            var alerts: [BurnRateAlertRules.Severity: Double] = [:]
            for severity in BurnRateAlertRules.Severity.allCases {
                let active = BurnRateAlertRules.windowPairs.filter { $0.severity == severity }.first { pair in
                    let factor = pair.factor(period: `case`.objective.periodMilliseconds)
                    return series[pair.long, default: []][minute] > factor
                        && series[pair.short, default: []][minute] > factor
                }
                if let active {
                    lastActive[severity] = (minute, series[active.long, default: []][minute])
                }
                let keep = Int(rules.configuration.keepFiringFor(severity).milliseconds / 60_000)
                if let last = lastActive[severity], last.minute == minute || minute - (last.minute + 1) < keep {
                    alerts[severity] = last.value
                }
            }
            return alerts
        }
    }

    /// The minutes an alert of `severity` fires in a case, as runs.
    /// - Parameters:
    ///   - severity: page or ticket.
    ///   - case: the case.
    /// - Returns: the runs of consecutive firing minutes.
    func firingMinutes(_ severity: BurnRateAlertRules.Severity, _ case: Case) -> [ClosedRange<Int>] {
        var runs: [ClosedRange<Int>] = []
        for (minute, alerts) in firing(`case`).enumerated() where alerts[severity] != nil {
            if let last = runs.last, last.upperBound == minute - 1 {
                runs[runs.count - 1] = last.lowerBound...minute
            } else {
                runs.append(minute...minute)
            }
        }
        return runs
    }

    /// The test file.
    /// - Parameters:
    ///   - header: comment lines at the top, without `# `.
    ///   - ruleFile: the rule file's path as `rule_files` names it (relative to the test file).
    ///   - cases: the cases.
    /// - Returns: the YAML text.
    func text(header: [String], ruleFile: String, cases: [Case]) -> String {
        var out = header.map { $0.isEmpty ? "#\n" : "# \($0)\n" }.joined()
        out += "rule_files:\n  - \(BurnRateAlertRules.yamlQuoted(ruleFile))\n\nevaluation_interval: 1m\n\ntests:\n"
        for (index, testCase) in cases.enumerated() {
            if index > 0 { out += "\n" }
            out += testCase.comment.split(separator: "\n").map { "  # \($0)\n" }.joined()
            out += "  - interval: 1m\n    input_series:\n"
            let labels = testCase.labels.map { LabelMatcher($0.name, .equal, $0.value).description }
            out += testCase.history.inputSeries(
                objective: testCase.objective.name, labels: labels.joined(separator: ","))
            out += "    alert_rule_test:\n"
            let firing = firing(testCase)
            for minute in evaluationMinutes(testCase, firing) {
                out += "      - eval_time: \(PrometheusDuration(milliseconds: Int64(minute) * 60_000))\n"
                out += "        alertname: \(BurnRateAlertRules.alertName)\n"
                let alerts = BurnRateAlertRules.Severity.allCases.compactMap { severity in
                    firing[minute][severity].map { (severity, $0) }
                }
                guard !alerts.isEmpty else {
                    out += "        exp_alerts: []\n"
                    continue
                }
                out += "        exp_alerts:\n"
                for (severity, value) in alerts {
                    out += expectedAlert(testCase, severity, value)
                }
            }
        }
        return out
    }

    /// The minutes checked: around each run of each severity, and the end.
    private func evaluationMinutes(_ case: Case, _ firing: [[BurnRateAlertRules.Severity: Double]]) -> [Int] {
        var minutes: Set<Int> = [firing.count - 1]
        for severity in BurnRateAlertRules.Severity.allCases {
            for run in firingMinutes(severity, `case`) {
                minutes.formUnion([run.lowerBound - 1, run.lowerBound, run.upperBound, run.upperBound + 1])
            }
        }
        return minutes.filter { firing.indices.contains($0) }.sorted()
    }

    /// One `exp_alerts` entry: the alert's labels and its annotations rendered with `value`.
    private func expectedAlert(_ case: Case, _ severity: BurnRateAlertRules.Severity, _ value: Double) -> String {
        var out = "          - exp_labels:\n"
        let labels = [("severity", severity.rawValue), ("objective", `case`.objective.name)] + `case`.labels
        for (name, label) in labels { out += "              \(name): \(BurnRateAlertRules.yamlQuoted(label))\n" }
        out += "            exp_annotations:\n"
        for (name, template) in rules.annotations(`case`.objective, severity) {
            let text = template.replacingOccurrences(of: "{{ $value | humanize }}", with: Self.humanize(value))
                .replacingOccurrences(of: "{{ \"{{\" }}", with: "{{")
            out += "              \(name): \(BurnRateAlertRules.yamlQuoted(text))\n"
        }
        return out
    }

    /// Prometheus' `humanize` for values from 0.001 to 1000 (burn rates): four significant digits, `m` below 1.
    static func humanize(_ value: Double) -> String {
        value >= 1 || value == 0 ? String(format: "%.4g", value) : String(format: "%.4gm", value * 1000)
    }
}
