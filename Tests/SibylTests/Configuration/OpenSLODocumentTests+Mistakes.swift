import Foundation
import Sibyl
import Testing

extension OpenSLODocumentTests {
    /// A ratio SLO in the `objectives` list, lines 4 to 17 of the file.
    static let ratioEntry = """
        objectives:
          - apiVersion: openslo/v1
            kind: SLO
            metadata: {name: checkout}
            spec:
              indicator:
                spec:
                  ratioMetric:
                    counter: true
                    bad: {metricSource: {type: Prometheus, spec: {query: 'http_requests_total{code=~"5.."}'}}}
                    total: {metricSource: {type: Prometheus, spec: {query: http_requests_total}}}
              timeWindow: [{duration: 28d, isRolling: true}]
              budgetingMethod: Occurrences
              objectives: [{target: 0.999}]

        """

    /// A threshold SLO in the `objectives` list, lines 4 to 14 of the file.
    static let thresholdEntry = """
        objectives:
          - apiVersion: openslo/v1
            kind: SLO
            metadata: {name: latency}
            spec:
              indicator:
                spec:
                  thresholdMetric:
                    metricSource: {type: Prometheus, spec: {query: search_latency_seconds}}
              budgetingMethod: Timeslices
              objectives: [{op: lt, value: 0.5, target: 0.99}]

        """

    /// A mistake made by replacing `text` in `entry` with `replacement`.
    static func mistake(
        _ name: String, _ entry: String, _ text: String, _ replacement: String, _ expected: String
    ) -> ConfigurationMistake {
        precondition(entry.contains(text), "\(name): the entry has no \(text)")
        return .after(name, entry.replacingOccurrences(of: text, with: replacement), expected)
    }

    static let ratio = ratioEntry
    static let threshold = thresholdEntry
    static let totalSource = "{type: Prometheus, spec: {query: http_requests_total}}"
    static let thresholdIndicator = """
              indicator:
                spec:
                  thresholdMetric:
                    metricSource: {type: Prometheus, spec: {query: search_latency_seconds}}

        """

    static let mistakes: [ConfigurationMistake] = [
        mistake(
            "a Datadog metric source", ratio, totalSource, "{type: Datadog, spec: {query: http_requests_total}}",
            #"t.yml:14:42: objectives[0].spec.indicator.spec.ratioMetric.total.metricSource.type: Sibyl reads "#
                + #"Prometheus series only (from its source), got "Datadog""#),
        mistake(
            "a metric source without a type", ratio, totalSource, "{spec: {query: http_requests_total}}",
            #"t.yml:14:21: objectives[0].spec.indicator.spec.ratioMetric.total.metricSource: missing required key "#
                + #""type" (Sibyl reads type: Prometheus; DataSource documents are not resolved)"#),
        mistake(
            "a PromQL expression for a query", ratio, totalSource,
            "{type: Prometheus, spec: {query: 'sum(rate(http_requests_total[5m]))'}}",
            #"t.yml:14:68: objectives[0].spec.indicator.spec.ratioMetric.total.metricSource.spec.query: Sibyl reads "#
                + #"a plain series selector such as 'http_requests_total{code=~"5.."}', not a PromQL expression "#
                + "(Sibyl computes the indicator from the series): expected \"{\" or end of input after metric name "
                + #""sum", found "(" at column 4 of the query"#),
        mistake(
            "a calendar-aligned window", ratio, "{duration: 28d, isRolling: true}",
            "{duration: 1M, calendar: {startTime: 2022-01-01 12:00:00, timeZone: UTC}}",
            "t.yml:15:35: objectives[0].spec.timeWindow[0].calendar: calendar-aligned time windows are not "
                + "supported: Sibyl's periods roll; give isRolling: true and no calendar"),
        mistake(
            "isRolling: false", ratio, "isRolling: true", "isRolling: false",
            "t.yml:15:47: objectives[0].spec.timeWindow[0].isRolling: calendar-aligned time windows are not "
                + "supported: Sibyl's periods roll; give isRolling: true and no calendar"),
        mistake(
            "a window in months", ratio, "duration: 28d", "duration: 1M",
            #"t.yml:15:31: objectives[0].spec.timeWindow[0].duration: not a valid duration "1M": months, quarters "#
                + "and years are calendar lengths, not fixed ones; give m, h, d or w (e.g. 30d)"),
        mistake(
            "two time windows", ratio, "{duration: 28d, isRolling: true}", "{duration: 28d}, {duration: 7d}",
            "t.yml:15:19: objectives[0].spec.timeWindow: expected exactly one time window, got 2"),
        .after(
            "a period longer than the archive keeps", ratio + "archive:\n  retention: 7d\n",
            "t.yml:15:31: objectives[0].spec.timeWindow[0].duration: 28d is longer than archive.retention (7d): the "
                + "period's events would be deleted before it ends"),
        mistake(
            "Timeslices over a ratioMetric", ratio, "budgetingMethod: Occurrences", "budgetingMethod: Timeslices",
            "t.yml:16:24: objectives[0].spec.budgetingMethod: Sibyl counts a ratioMetric's events over the period "
                + "(Occurrences); Timeslices is not supported for a ratioMetric"),
        mistake(
            "a misspelt key, with a suggestion", ratio, "budgetingMethod: Occurrences", "budgetMethod: Occurrences",
            #"t.yml:16:7: unknown key "budgetMethod" in section objectives[0].spec (did you mean "budgetingMethod"?)"#
        ),
        mistake(
            "target and targetPercent", ratio, "{target: 0.999}", "{target: 0.999, targetPercent: 99.9}",
            "t.yml:17:36: objectives[0].spec.objectives[0]: give target or targetPercent, not both"),
        mistake(
            "a targetPercent of 100", ratio, "{target: 0.999}", "{targetPercent: 100}",
            "t.yml:17:36: objectives[0].spec.objectives[0].targetPercent: must be between 0 and 100 (exclusive), "
                + "got 100.0"),
        mistake(
            "no target", ratio, "{target: 0.999}", "{displayName: x}",
            #"t.yml:17:20: objectives[0].spec.objectives[0]: one of "target" and "targetPercent" is required"#),
        mistake(
            "op on a ratioMetric's objective", ratio, "{target: 0.999}", "{op: gt, target: 0.999}",
            "t.yml:17:21: objectives[0].spec.objectives[0].op: only a thresholdMetric's objectives compare with op "
                + "and value; a ratioMetric's objective has only a target"),
        mistake(
            "counter: false", ratio, "counter: true", "counter: false",
            "t.yml:12:22: objectives[0].spec.indicator.spec.ratioMetric.counter: Sibyl counts a ratio's events from "
                + "counters; a ratio of gauges is not supported"),
        mistake(
            "a raw ratio", ratio, "counter: true", "rawType: success",
            "t.yml:12:13: objectives[0].spec.indicator.spec.ratioMetric.rawType: precomputed (raw) ratios are not "
                + "supported; give good or bad, and total, counters"),
        mistake(
            "good and bad", ratio, "counter: true", "good: {metricSource: {type: Prometheus, spec: {query: ok}}}",
            "t.yml:13:13: objectives[0].spec.indicator.spec.ratioMetric: give good or bad, not both"),
        mistake(
            "an apiVersion other than openslo/v1", ratio, "openslo/v1", "openslo/v2alpha",
            #"t.yml:5:17: objectives[0].apiVersion: only "openslo/v1" documents are read, got "openslo/v2alpha""#),
        mistake(
            "kind: SLI in the objectives list", ratio, "kind: SLO", "kind: SLI",
            #"t.yml:6:11: objectives[0].kind: only a kind: SLO document can be an objective, got "SLI""#),
        mistake(
            "an unknown kind, with a suggestion", ratio, "kind: SLO", "kind: Slo",
            #"t.yml:6:11: objectives[0].kind: "Slo" is not an OpenSLO v1 kind (did you mean "SLO"?)"#),
        mistake(
            "a name Sibyl cannot take", ratio, "{name: checkout}", "{name: checkout.eu}",
            #"t.yml:7:22: objectives[0].metadata.name: "checkout.eu" is not a valid objective name (1 to 128 "#
                + #"letters, digits, "_" or "-")"#),
        mistake(
            "two display names that sanitise alike", ratio, "[{target: 0.999}]",
            "[{displayName: a b, target: 0.9}, {displayName: a_b, target: 0.99}]",
            #"t.yml:17:67: objectives[0].spec.objectives[1].displayName: duplicate objective "checkout-a_b" (first on line 17)"#
        ),
        mistake(
            "a name a Sibyl objective took first", ratio, "objectives:\n  - apiVersion",
            "objectives:\n  - {name: checkout, selector: up, max: 1}\n  - apiVersion",
            #"t.yml:8:22: objectives[1].metadata.name: duplicate objective "checkout" (first on line 5)"#),
        mistake(
            "a thresholdMetric's objective without a value", threshold, "{op: lt, value: 0.5, target: 0.99}",
            "{op: lt, target: 0.99}",
            #"t.yml:14:20: objectives[0].spec.objectives[0]: a thresholdMetric's objective needs "value""#),
        mistake(
            "an unknown op", threshold, "op: lt", "op: below",
            #"t.yml:14:25: objectives[0].spec.objectives[0].op: expected "lt", "lte", "gt" or "gte", got "below""#),
        mistake(
            "a composite objective", threshold, "target: 0.99}", "target: 0.99, indicatorRef: other}",
            "t.yml:14:55: objectives[0].spec.objectives[0].indicatorRef: composite SLOs (an indicator per "
                + "objective) are not supported; give the SLO's spec.indicator"),
        mistake(
            "a timeSliceTarget of 0", threshold, "target: 0.99}", "target: 0.99, timeSliceTarget: 0}",
            "t.yml:14:72: objectives[0].spec.objectives[0].timeSliceTarget: must be in (0, 1], got 0.0"),
        mistake(
            "a timeSliceWindow in months", threshold, "target: 0.99}", "target: 0.99, timeSliceWindow: 1M}",
            #"t.yml:14:72: objectives[0].spec.objectives[0].timeSliceWindow: not a valid duration "1M": months, "#
                + "quarters and years are calendar lengths, not fixed ones; give m, h, d or w (e.g. 30d)"),
        mistake(
            "RatioTimeslices over a ratioMetric", ratio, "budgetingMethod: Occurrences",
            "budgetingMethod: RatioTimeslices",
            "t.yml:16:24: objectives[0].spec.budgetingMethod: Sibyl counts a ratioMetric's events over the period "
                + "(Occurrences); RatioTimeslices is not supported for a ratioMetric"),
        mistake(
            "indicatorRef in the configuration file", threshold, thresholdIndicator,
            "      indicatorRef: search-latency\n",
            "t.yml:9:21: objectives[0].spec.indicatorRef: indicatorRef is resolved only in an --openslo.file that "
                + "holds the kind: SLI document; here, give the indicator inline (spec.indicator)"),
    ]

    @Test("each OpenSLO mistake in the objectives list names its field, line and column", arguments: mistakes)
    func mistakeInObjectivesList(_ mistake: ConfigurationMistake) {
        #expect(ConfigurationDecoderTests.errors(mistake.yaml) == mistake.expected)
    }

    @Test("mistakes across --openslo.file files: each names its file, line and column, the configuration's first")
    func mistakesInFiles() {
        let configuration = Self.head + "objectives:\n  - {name: search-slo, selector: up, max: 1}\n"
        let unknownReference = """
            apiVersion: openslo/v1
            kind: SLO
            metadata: {name: api}
            spec:
              indicatorRef: api-latency
              objectives: [{target: 0.9}]
            ---
            apiVersion: openslo/v1
            kind: SLI
            metadata: {name: api-errors}
            spec: {thresholdMetric: {metricSource: {type: Prometheus, spec: {query: 'rate(x[5m])'}}}}
            """
        let files = [
            ("examples.yaml", Self.specExamples), ("service.yaml", "apiVersion: openslo/v1\nkind: Service\n"),
            ("missing.yaml", nil), ("ref.yaml", unknownReference), ("broken.yaml", "kind: SLO\n---\nkind: [\n"),
        ]
        let written = files.compactMap { name, text in text.map { (name, $0) } }
        let errors = Self.errors(
            written, configuration: configuration, openSLOFiles: files.map(\.0))
        #expect(
            errors == [
                #"D/examples.yaml:46:9: metadata.name: duplicate objective "search-slo" (first at D/sibyl.yml:5)"#,
                "D/service.yaml: no kind: SLO document (apiVersion: openslo/v1) in the file",
                "D/missing.yaml: no such file",
                #"D/ref.yaml:5:17: spec.indicatorRef: no kind: SLI document named "api-latency" in this file"#,
                "D/ref.yaml:11:73: spec.thresholdMetric.metricSource.spec.query: Sibyl reads a plain series selector "
                    + #"such as 'http_requests_total{code=~"5.."}', not a PromQL expression (Sibyl computes the "#
                    + #"indicator from the series): expected "{" or end of input after metric name "rate", "#
                    + #"found "(" at column 5 of the query"#,
                #"D/broken.yaml:1:1: missing required section "apiVersion""#,
                "D/broken.yaml:4:1: invalid YAML: did not find expected node content (while parsing a flow node at 4:1)",
            ])
    }

    @Test("a mistake in the configuration file and one in an OpenSLO file are both reported")
    func mistakesInBoth() {
        let errors = Self.errors(
            [("slo.yaml", Self.specExamples.replacingOccurrences(of: "target: 0.98", with: "target: 98"))],
            configuration: "selectors: [up]\n")
        #expect(
            errors == [
                #"D/sibyl.yml:1:1: missing required section "source""#,
                "D/slo.yaml:33:15: spec.objectives[0].target: must be between 0 and 1 (exclusive), got 98.0",
            ])
    }
}
