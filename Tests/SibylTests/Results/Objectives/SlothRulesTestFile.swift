import Foundation
import SibylAnalysis
import SibylTestSupport
import SibylWire

@testable import Sibyl

/// Sloth's recording rules for one ratio SLO, as Sloth's generator writes them (the `sli_rules/v1` and
/// `metadata_rules/v1` plugins: one group of error-ratio rules, the period's the optimised `sum_over_time /
/// count_over_time` of the 5m one, then one group of meta rules), and a `promtool test rules` file whose expected
/// samples are Sibyl's: promtool passing means Sibyl's `slo:*` series equal what Prometheus records with Sloth's
/// rules, bit for bit (promtool 2.42 compares values with `==`).
struct SlothRulesTestFile {
    /// Sloth's `service`.
    var service: String
    /// The objective (Sloth's SLO name), its target and period.
    var specification: ObjectiveSpecification
    /// The selector of the error counters and of all counters, in PromQL.
    var errors: String
    var total: String
    /// The `by` labels of both sums (the indicator groups).
    var by: [String]

    var period: Int64 { specification.budget?.period.milliseconds ?? 0 }
    var target: Double { specification.budget?.errorBudget.target ?? 0 }

    /// The `sloth_*` labels of the objective as a rule's `labels:` block.
    private func labelBlock(window: String?, indent: String) -> String {
        var labels = [
            ("sloth_id", "\(service)-\(specification.name)"), ("sloth_service", service),
            ("sloth_slo", specification.name),
        ]
        if let window { labels.append(("sloth_window", window)) }
        return labels.map { "\(indent)\($0): \($1)\n" }.joined()
    }

    /// Sloth's filter of the objective's series (`LabelsToPromFilter`: the ID labels, sorted).
    private var filter: String {
        #"{sloth_id="\#(service)-\#(specification.name)", sloth_service="\#(service)", sloth_slo="\#(specification.name)"}"#
    }

    /// The rule file.
    var rules: String {
        let name = "\(service)-\(specification.name)"
        let sum = by.isEmpty ? "sum" : "sum by (\(by.joined(separator: ", ")))"
        var out = "groups:\n- name: sloth-slo-sli-recordings-\(name)\n  rules:\n"
        for window in ErrorBudgetLedger.windows.map(SlothFamilies.duration) {
            out += """
                  - record: slo:sli_error:ratio_rate\(window)
                    expr: |
                      (\(sum) (rate(\(errors)[\(window)])))
                      /
                      (\(sum) (rate(\(total)[\(window)])))
                    labels:

                """
            out += labelBlock(window: window, indent: "      ")
        }
        let period = SlothFamilies.duration(period)
        out += """
              - record: slo:sli_error:ratio_rate\(period)
                expr: |
                  sum_over_time(slo:sli_error:ratio_rate5m\(filter)[\(period)])
                  / ignoring (sloth_window)
                  count_over_time(slo:sli_error:ratio_rate5m\(filter)[\(period)])
                labels:

            """
        out += labelBlock(window: period, indent: "      ")
        out += "- name: sloth-slo-meta-recordings-\(name)\n  rules:\n"
        let meta: [(String, String)] = [
            ("slo:objective:ratio", "vector(\(target))"),
            ("slo:error_budget:ratio", "vector(1-\(target))"),
            ("slo:time_period:days", "vector(\(SlothSeries.days(self.period)))"),
            (
                "slo:current_burn_rate:ratio",
                "slo:sli_error:ratio_rate5m\(filter)\n/ on(sloth_id, sloth_slo, sloth_service) group_left\n"
                    + "slo:error_budget:ratio\(filter)"
            ),
            (
                "slo:period_burn_rate:ratio",
                "slo:sli_error:ratio_rate\(period)\(filter)\n/ on(sloth_id, sloth_slo, sloth_service) group_left\n"
                    + "slo:error_budget:ratio\(filter)"
            ),
            ("slo:period_error_budget_remaining:ratio", "1 - slo:period_burn_rate:ratio\(filter)"),
        ]
        for (record, expression) in meta {
            out += "  - record: \(record)\n    expr: |\n"
            out += expression.split(separator: "\n").map { "      \($0)\n" }.joined()
            out += "    labels:\n" + labelBlock(window: nil, indent: "      ")
        }
        out += "  - record: sloth_slo_info\n    expr: vector(1)\n    labels:\n"
        out += labelBlock(window: nil, indent: "      ")
        out += "      sloth_mode: sibyl\n      sloth_objective: \"\(SlothSeries.percent(target))\"\n"
        out += "      sloth_spec: sibyl/v1\n      sloth_version: \"\(SibylVersion.version)\"\n"
        return out
    }

    /// One query at `minute`: Sibyl's samples of `family` then, compared with Prometheus' either exactly
    /// (`exp_samples`) or, for values Prometheus computes from rates, through ``differences(_:)``.
    struct Check {
        var minute: Int
        var family: String
        var samples: [ExposedSample]
        var exact: Bool
    }

    /// The relative difference between Sibyl's value and Prometheus' that counts as equal for a rate ratio.
    ///
    /// Prometheus 2.42 computes `rate()` as `increase × (extrapolated / sampled interval / range)`, a product with a
    /// rounded factor (`1 / 300` for 5m), so `rate(errors) / rate(total)` may round differently from Sibyl's exact
    /// `errors / total` in the last bits (e.g. 0.4736842105263158 against 0.47368421052631576 for 18,225 of 38,475);
    /// promtool compares `exp_samples` with `==`. The tolerance is far below any meaningful difference: a single
    /// request in the windows here changes a ratio by more than 10⁻⁷.
    static let tolerance = 1e-12

    /// The PromQL that returns what differs between Prometheus' `family` and Sibyl's (`sibyl:<family>`): a value
    /// beyond ``tolerance``, or a series only one of them has.
    static func differences(_ family: String) -> String {
        let sibyl = "sibyl:" + family
        return "(abs(\(family) - \(sibyl)) > \(tolerance) * abs(\(sibyl))) or (\(family) unless \(sibyl))"
            + " or (\(sibyl) unless \(family))"
    }

    /// The test file.
    /// - Parameters:
    ///   - comment: lines at the top, without `# `.
    ///   - inputSeries: each series' selector and values in promtool notation (counters, and Sibyl's series).
    ///   - checks: the queries and what they return.
    /// - Returns: the YAML text.
    func tests(comment: [String], inputSeries: [(String, String)], checks: [Check]) -> String {
        var out = comment.map { "# \($0)\n" }.joined()
        // The meta rules read the SLI group's series: evaluated first, as Sibyl computes both at once. Without
        // the order promtool evaluates the groups in Go's random map order, a minute apart half of the time.
        let name = "\(service)-\(specification.name)"
        out += "rule_files:\n  - rules.yml\n\nevaluation_interval: 1m\n\ngroup_eval_order:\n"
        out += "  - sloth-slo-sli-recordings-\(name)\n  - sloth-slo-meta-recordings-\(name)\n"
        out += "\ntests:\n  - interval: 1m\n"
        out += "    input_series:\n"
        for (series, values) in inputSeries {
            out += "      - series: '\(series)'\n        values: \"\(values)\"\n"
        }
        out += "    promql_expr_test:\n"
        for check in checks {
            let expression = check.exact ? check.family : Self.differences(check.family)
            out += "      - expr: '\(expression)'\n        eval_time: \(check.minute)m\n"
            guard check.exact, !check.samples.isEmpty else {
                out += "        exp_samples: []\n"
                continue
            }
            out += "        exp_samples:\n"
            for sample in check.samples {
                let labels = sample.labels.sorted { $0.key < $1.key }.map { #"\#($0)="\#($1)""# }
                out += "          - labels: '\(check.family){\(labels.joined(separator: ","))}'\n"
                out += "            value: \(sample.value)\n"
            }
        }
        return out
    }

    /// Sibyl's series of `families`, minute by minute from 0, as promtool input named `sibyl:<family>`: a stale
    /// marker where Sibyl had no sample (so that a query does not look back to an older one), values in plain
    /// decimals (promtool's series lexer takes no exponents).
    static func sibylSeries(_ exposed: [Int: String], families: Set<String>, minutes: Int) -> [(String, String)] {
        var series: [String: [Int: Double]] = [:]
        for (minute, text) in exposed {
            for sample in ExposedSample.parse(text) where families.contains(sample.name) {
                let labels = sample.labels.sorted { $0.key < $1.key }.map { #"\#($0)="\#($1)""# }
                series["sibyl:\(sample.name){\(labels.joined(separator: ","))}", default: [:]][minute] = sample.value
            }
        }
        return series.sorted { $0.key < $1.key }.map { name, values in
            (name, (0...minutes).map { values[$0].map(plain) ?? "stale" }.joined(separator: " "))
        }
    }

    /// A value in plain decimals with 20 places: 17 significant digits or more for the ratios and burn rates here.
    static func plain(_ value: Double) -> String {
        String(format: "%.20f", value)
    }
}
