import Foundation
import SibylTestSupport
import Testing

@testable import Sibyl

/// The burn-rate alert rules: their factors and text, `promtool check rules` on them, and `promtool test rules` on
/// made-up burn histories whose expected alerts ``BurnRateRulesTestFile`` simulates.
struct BurnRateAlertRulesTests {
    static let day: Int64 = 86_400_000
    static let rulesFolder = Fixtures.repository.appendingPathComponent("deploy/rules", isDirectory: true)

    /// The shipped objectives as the rules see them: sibyl.yml's names and descriptions, each with target 0.99 over
    /// 30d (until sibyl.yml gives them targets).
    static func shippedObjectives() throws -> [BurnRateAlertRules.Objective] {
        let configuration = try SibylConfiguration.load(
            contentsOf: Fixtures.repository.appendingPathComponent("sibyl.yml").path)
        return BurnRateAlertRules.Objective.budgeted(configuration.objectives)
    }

    /// The unit tests of the shipped rules: a fast burn of available memory, a slow one of a filesystem.
    static func shippedTestFile(_ rules: BurnRateAlertRules) throws -> String {
        let objectives = Dictionary(uniqueKeysWithValues: rules.objectives.map { ($0.name, $0) })
        let node = [("instance", "host:9100"), ("job", "node")]
        let cases = [
            BurnRateRulesTestFile.Case(
                comment: """
                    A fast burn: 20 times the sustainable rate for an hour (2.8 % of the 30d budget), then
                    none. The page fires once the 1h burn rate passes 14.4 (at 44m), stops 2 minutes after
                    the burn as the 5m one drops, and keeps firing 5m more; the ticket never fires (1d
                    reaches only 0.83).
                    """,
                objective: try #require(objectives["available_memory"]),
                labels: node + [("metric", "node_memory_MemAvailable_bytes")],
                history: BurnRateHistory([(60, 20), (180, 0)])),
            BurnRateRulesTestFile.Case(
                comment: """
                    A slow burn: 2.2 times the sustainable rate for 4 days (the 30d budget would last under
                    14 days), then none. Only the ticket fires, once the 3d burn rate passes 1 (at 32h44m),
                    until the 6h one falls to 1 (3h17m after the burn), and 30m more; the page never fires
                    (2.2 is below 6 and 14.4).
                    """,
                objective: try #require(objectives["filesystem_available"]),
                labels: [("device", "/dev/sda1"), ("fstype", "ext4")] + node
                    + [("metric", "node_filesystem_avail_bytes"), ("mountpoint", "/")],
                history: BurnRateHistory([(4 * 1440, 2.2), (720, 0)])),
        ]
        return BurnRateRulesTestFile(rules: rules).text(
            header: [
                "promtool unit tests for sibyl-slo.rules.yml:",
                "  promtool test rules deploy/rules/tests/sibyl-slo.rules.test.yml",
                "Generated with the rules by BurnRateAlertRulesTests (SIBYL_UPDATE_GOLDEN=1 rewrites both): each",
                "sibyl_slo_burn_rate series is its window's mean over a made-up history of burn rates a minute,",
                "and the alerts expected are the rules evaluated on them minute by minute.",
            ],
            ruleFile: "../sibyl-slo.rules.yml", cases: cases)
    }

    @Test(
        "the factors scale with the period: budget share × period / long window",
        arguments: [
            (30 * day, [14.4, 6, 3, 1], ["14.4", "6", "3", "1"]),
            (7 * day, [3.36, 1.4, 0.7, 7.0 / 30], ["3.36", "1.4", "0.7", "0.23333333333333334"]),
            (28 * day, [13.44, 5.6, 2.8, 28.0 / 30], ["13.44", "5.6", "2.8", "0.9333333333333333"]),
        ])
    func factors(period: Int64, factors: [Double], texts: [String]) {
        let computed = BurnRateAlertRules.windowPairs.map { $0.factor(period: period) }
        #expect(computed == factors)
        #expect(computed.map(BurnRateAlertRules.number) == texts)
    }

    @Test func windowPairs() {
        let pairs = BurnRateAlertRules.windowPairs.map { "\($0.severity.rawValue) \($0.long)/\($0.short)" }
        #expect(pairs == ["page 1h/5m", "page 6h/30m", "ticket 1d/2h", "ticket 3d/6h"])
        #expect(BurnRateAlertRules.windows.map(\.description) == ["5m", "30m", "1h", "2h", "6h", "1d", "3d"])
    }

    @Test("no objectives: an empty list of groups")
    func noObjectives() {
        #expect(BurnRateAlertRules(objectives: []).text.hasSuffix("\ngroups: []\n"))
    }

    @Test func goldenText() {
        let rules = BurnRateAlertRules(objectives: [
            .init(name: "checkout", target: 0.999, periodMilliseconds: 30 * Self.day, description: "Checkouts succeed")
        ])
        let groups = rules.text.components(separatedBy: "\ngroups:\n").last
        #expect(
            groups == #"""
                  - name: "sibyl-slo-checkout"
                    rules:
                      - alert: SibylErrorBudgetBurn
                        expr: |-
                          max without (window) (
                            sibyl_slo_burn_rate{objective="checkout", window="1h"} > 14.4
                            and ignoring (window)
                            sibyl_slo_burn_rate{objective="checkout", window="5m"} > 14.4
                          )
                          or
                          max without (window) (
                            sibyl_slo_burn_rate{objective="checkout", window="6h"} > 6
                            and ignoring (window)
                            sibyl_slo_burn_rate{objective="checkout", window="30m"} > 6
                          )
                        keep_firing_for: 5m
                        labels:
                          objective: "checkout"
                          severity: page
                        annotations:
                          summary: "Objective checkout burns its 30d error budget fast: {{ $value | humanize }} times the sustainable rate"
                          description: "Checkouts succeed. The burn rate of objective checkout (target 0.999 over 30d) is above 14.4 over 1h and 5m (2 % of the budget in 1h), or above 6 over 6h and 30m (5 % of the budget in 6h)."
                          runbook_url: "README.md#error-budgets"
                      - alert: SibylErrorBudgetBurn
                        expr: |-
                          max without (window) (
                            sibyl_slo_burn_rate{objective="checkout", window="1d"} > 3
                            and ignoring (window)
                            sibyl_slo_burn_rate{objective="checkout", window="2h"} > 3
                          )
                          or
                          max without (window) (
                            sibyl_slo_burn_rate{objective="checkout", window="3d"} > 1
                            and ignoring (window)
                            sibyl_slo_burn_rate{objective="checkout", window="6h"} > 1
                          )
                        keep_firing_for: 30m
                        labels:
                          objective: "checkout"
                          severity: ticket
                        annotations:
                          summary: "Objective checkout burns its 30d error budget steadily: {{ $value | humanize }} times the sustainable rate"
                          description: "Checkouts succeed. The burn rate of objective checkout (target 0.999 over 30d) is above 3 over 1d and 2h (10 % of the budget in 1d), or above 1 over 3d and 6h (10 % of the budget in 3d)."
                          runbook_url: "README.md#error-budgets"

                """#)
    }

    @Test("names, descriptions and the runbook are escaped for YAML, PromQL and the alert templates")
    func escaping() {
        let rules = BurnRateAlertRules(
            objectives: [
                .init(
                    name: "a\"b\\c", target: 0.9, periodMilliseconds: Self.day,
                    description: "Say \"hi\" \\ {{ $labels.x }}\nthen\tgo")
            ],
            configuration: .init(runbookURL: "https://example.org/{{x}}"))
        let text = rules.text
        #expect(text.contains(#"  - name: "sibyl-slo-a\"b\\c""#))
        #expect(text.contains(#"sibyl_slo_burn_rate{objective="a\"b\\c", window="1h"} > 0.48"#))
        #expect(text.contains(#"description: "Say \"hi\" \\ {{ \"{{\" }} $labels.x }}\nthen\tgo. The burn rate"#))
        #expect(text.contains(#"runbook_url: "https://example.org/{{ \"{{\" }}x}}""#))
        #expect(BurnRateAlertRules.yamlQuoted("a\u{1}b\u{85}") == #""a\x01b\u0085""#)
    }

    @Test("keep_firing_for is written per severity, and left out when zero")
    func keepFiringFor() {
        let objective = BurnRateAlertRules.Objective(name: "x", target: 0.99, periodMilliseconds: 30 * Self.day)
        let defaults = BurnRateAlertRules(objectives: [objective]).text
        #expect(defaults.components(separatedBy: "keep_firing_for: 5m\n").count == 2)
        #expect(defaults.components(separatedBy: "keep_firing_for: 30m\n").count == 2)
        let none = BurnRateAlertRules(
            objectives: [objective], configuration: .init(pageKeepFiringFor: .init(milliseconds: 0))
        ).text
        #expect(!none.contains("keep_firing_for: 5m"))
        #expect(none.contains("keep_firing_for: 30m"))
    }

    @Test("promtool check rules accepts the rules", .enabled(if: TestBinaries.runnable(.promtool)))
    func promtoolCheck() throws {
        let rules = BurnRateAlertRules(objectives: [
            .init(name: "api", target: 0.999, periodMilliseconds: 30 * Self.day, description: "API requests"),
            .init(name: "batch-jobs", target: 0.95, periodMilliseconds: 7 * Self.day),
            .init(name: "odd", target: 0.9, periodMilliseconds: Self.day, description: #"a "quoted" {{ text }}"#),
        ])
        let directory = try TemporaryDirectory(prefix: "sibyl-burn-rules")
        defer { directory.remove() }
        try rules.text.write(to: directory.file("slo.rules.yml"), atomically: true, encoding: .utf8)
        let (status, output) = try ProcessOutput.run(
            try TestBinaries.require(.promtool), ["check", "rules", "slo.rules.yml"], in: directory.url)
        #expect(status == 0, "\(output)")
        #expect(output.contains("SUCCESS: 6 rules found"), "\(output)")
    }

    /// Objectives and histories whose alerts promtool checks, with a configuration that is not the default.
    static let unitTestRules = BurnRateAlertRules(
        objectives: [
            .init(
                name: "checkout", target: 0.999, periodMilliseconds: 30 * day,
                description: #"Checkouts "succeed" {{ always }}"#),
            .init(name: "weekly", target: 0.99, periodMilliseconds: 7 * day),
        ],
        configuration: .init(
            runbookURL: "https://runbooks.example.org/slo#burn", pageKeepFiringFor: .init(milliseconds: 600_000),
            ticketKeepFiringFor: .init(milliseconds: 0)))

    static let fastBurn = BurnRateRulesTestFile.Case(
        comment: "A fast burn: 20 for an hour.", objective: unitTestRules.objectives[0],
        labels: [("service", "shop"), ("route", "/checkout")], history: BurnRateHistory([(60, 20), (180, 0)]))
    static let slowBurn = BurnRateRulesTestFile.Case(
        comment: "A slow burn: 2.2 for 4 days.", objective: unitTestRules.objectives[0],
        labels: [("service", "shop"), ("route", "/pay")], history: BurnRateHistory([(4 * 1440, 2.2), (720, 0)]))
    static let slowBurnWeekly = BurnRateRulesTestFile.Case(
        comment: "The same slow burn, over a 7d period: it pages.", objective: unitTestRules.objectives[1],
        labels: [("job", "batch")], history: BurnRateHistory([(4 * 1440, 2.2), (720, 0)]))

    @Test("the simulated alerts: a fast burn pages, a slow one opens a ticket, and pages at a 7d period")
    func simulatedAlerts() {
        let file = BurnRateRulesTestFile(rules: Self.unitTestRules)
        // 1h passes 14.4 at 44m; 5m drops below 14.4 at 62m (last active 61m); page keep_firing_for 10m.
        #expect(file.firingMinutes(.page, Self.fastBurn) == [44...71])
        #expect(file.firingMinutes(.ticket, Self.fastBurn) == [])
        // 3d passes 1 after 1963.6m; 6h falls to 1 196.4m after the burn; no keep_firing_for on tickets here.
        #expect(file.firingMinutes(.page, Self.slowBurn) == [])
        #expect(file.firingMinutes(.ticket, Self.slowBurn) == [1964...(5760 + 196)])
        // At 7d the 6h/30m pair pages above 1.4: 6h passes it after 229.1m; 30m falls to it 10.9m after the burn.
        #expect(file.firingMinutes(.page, Self.slowBurnWeekly) == [230...(5760 + 10 + 10)])
        // The 1d/2h pair above 0.7 and the 3d/6h one above 0.23 both open the ticket after 458.2m.
        #expect(file.firingMinutes(.ticket, Self.slowBurnWeekly).first?.lowerBound == 459)
    }

    @Test(
        "promtool test rules: the alerts fire and resolve as simulated", .enabled(if: TestBinaries.runnable(.promtool)))
    func promtoolUnitTests() throws {
        let directory = try TemporaryDirectory(prefix: "sibyl-burn-rules")
        defer { directory.remove() }
        try Self.unitTestRules.text.write(to: directory.file("slo.rules.yml"), atomically: true, encoding: .utf8)
        let tests = BurnRateRulesTestFile(rules: Self.unitTestRules).text(
            header: ["BurnRateAlertRulesTests"], ruleFile: "slo.rules.yml",
            cases: [Self.fastBurn, Self.slowBurn, Self.slowBurnWeekly])
        try tests.write(to: directory.file("slo.test.yml"), atomically: true, encoding: .utf8)
        let (status, output) = try ProcessOutput.run(
            try TestBinaries.require(.promtool), ["test", "rules", "slo.test.yml"], in: directory.url)
        #expect(status == 0, "\(output)")
        #expect(output.contains("SUCCESS"), "\(output)")
    }

    /// `SIBYL_UPDATE_GOLDEN=1` rewrites both files.
    @Test("deploy/rules/sibyl-slo.rules.yml and its unit tests are what the generator writes for sibyl.yml")
    func shippedRulesAreGenerated() throws {
        let rules = BurnRateAlertRules(objectives: try Self.shippedObjectives())
        #expect(rules.objectives.map(\.name).count == 5)
        let files = [
            ("sibyl-slo.rules.yml", rules.text), ("tests/sibyl-slo.rules.test.yml", try Self.shippedTestFile(rules)),
        ]
        for (path, generated) in files {
            let url = Self.rulesFolder.appendingPathComponent(path)
            if ProcessInfo.processInfo.environment["SIBYL_UPDATE_GOLDEN"] == "1" {
                try generated.write(to: url, atomically: true, encoding: .utf8)
                continue
            }
            let committed = try String(contentsOf: url, encoding: .utf8)
            #expect(committed == generated, "deploy/rules/\(path) differs: rerun with SIBYL_UPDATE_GOLDEN=1")
        }
    }
}
