import Sibyl
import SibylWire
import Testing

struct ObjectiveBudgetConfigurationTests {
    static let head = "source:\n  url: http://p:9090/api/v1/read\nselectors: [up]\n"

    @Test("target, period, ratio and by decode; a ratio objective reads its two counters")
    func decodes() throws {
        let yaml =
            Self.head + """
                objectives:
                  - name: api-errors
                    ratio: {errors: 'http_requests_total{code=~"5.."}', total: 'http_requests_total'}
                    by: [job]
                    target: 0.999
                    period: 7d
                  - name: temperature
                    selector: 'temp_celsius{job="hw"}'
                    max: 80
                    target: 0.99
                  - name: good
                    ratio: {good: 'ok_total', total: 'all_total'}
                    target: 0.9
                """
        let objectives = try SibylConfiguration(yaml: yaml, file: "t.yml").objectives.map(\.objective)
        let ratio = objectives[0]
        #expect(ratio.budget?.target == 0.999)
        #expect(ratio.budget?.period.milliseconds == Int64(7 * 86_400_000))
        #expect(ratio.ratio?.counted == .errors)
        #expect(ratio.ratio?.events.description == #"http_requests_total{code=~"5.."}"#)
        #expect(ratio.by == ["job"])
        let read = ratio.readSelectors.map(\.description)
        #expect(read == [#"http_requests_total{code=~"5.."}"#, "http_requests_total"])
        #expect(objectives[1].budget?.period == ObjectiveBudget.defaultPeriod)
        #expect(objectives[1].ratio == nil)
        #expect(objectives[2].ratio?.counted == .good)
    }

    @Test("a latency objective reads its native histograms and the classic buckets of the same name")
    func latency() throws {
        let yaml =
            Self.head + """
                objectives:
                  - name: api-latency
                    latency: {histogram: 'http_request_duration_seconds{job="api"}', threshold: 0.3}
                    by: [instance]
                    target: 0.99
                """
        let objective = try #require(try SibylConfiguration(yaml: yaml, file: "t.yml").objectives.first?.objective)
        #expect(objective.latency?.threshold == 0.3)
        #expect(objective.by == ["instance"])
        #expect(
            objective.readSelectors.map(\.description) == [
                #"http_request_duration_seconds{job="api"}"#, #"http_request_duration_seconds_bucket{job="api"}"#,
            ])
    }

    static let mistakes: [ConfigurationMistake] = [
        .after(
            "a target of 1", "objectives:\n  - name: a\n    selector: up\n    max: 1\n    target: 1\n",
            "t.yml:8:13: objectives[0].target: must be between 0 and 1 (exclusive), got 1.0"),
        .after(
            "a period longer than the archive keeps",
            "archive:\n  retention: 7d\nobjectives:\n  - name: a\n    selector: up\n    max: 1\n    target: 0.9\n"
                + "    period: 30d\n",
            "t.yml:11:13: objectives[0].period: 30d is longer than archive.retention (7d): the period's events would "
                + "be deleted before it ends"),
        .after(
            "a period without a target", "objectives:\n  - name: a\n    selector: up\n    max: 1\n    period: 7d\n",
            "t.yml:8:5: objectives[0].period: a period needs a target"),
        .after(
            "a ratio with a selector",
            "objectives:\n  - name: a\n    selector: up\n    ratio: {errors: e, total: t}\n    target: 0.9\n",
            "t.yml:6:5: objectives[0].selector: a ratio objective reads ratio.total and ratio.errors (or good); "
                + "leave selector out"),
        .after(
            "a ratio without errors or good", "objectives:\n  - name: a\n    ratio: {total: t}\n    target: 0.9\n",
            "t.yml:6:5: objectives[0].ratio: one of \"errors\" and \"good\" is required"),
        .after(
            "a ratio without a target", "objectives:\n  - name: a\n    ratio: {errors: e, total: t}\n",
            "t.yml:5:5: objectives[0].target: a ratio objective needs a target"),
        .after(
            "by on a range objective", "objectives:\n  - name: a\n    selector: up\n    max: 1\n    by: [job]\n",
            "t.yml:5:5: objectives[0].by: only a ratio or latency objective sums its series by labels; a range "
                + "objective judges each series"),
        .after(
            "a latency without a threshold", "objectives:\n  - name: a\n    latency: {histogram: h}\n    target: 0.9\n",
            "t.yml:6:5: missing required key \"threshold\" in section objectives[0].latency"),
        .after(
            "a latency with a range",
            "objectives:\n  - name: a\n    latency: {histogram: h, threshold: 0.3}\n    max: 1\n    target: 0.9\n",
            "t.yml:5:5: objectives[0].max: a latency objective has a target, not a range: leave min and max out"),
        .after(
            "a latency and a ratio",
            "objectives:\n  - name: a\n    latency: {histogram: h, threshold: 0.3}\n    ratio: {errors: e, total: t}\n"
                + "    target: 0.9\n",
            "t.yml:7:5: objectives[0].ratio: a latency objective reads latency.histogram; leave ratio out"),
    ]

    @Test("each budget mistake names its line and column", arguments: mistakes)
    func mistake(_ mistake: ConfigurationMistake) {
        #expect(ConfigurationDecoderTests.errors(mistake.yaml) == mistake.expected)
    }
}
