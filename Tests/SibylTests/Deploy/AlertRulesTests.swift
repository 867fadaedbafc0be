import Foundation
import SibylTestSupport
import Testing

/// Every `deploy/rules/*.yml` passes `promtool check rules`, `prometheus.yml` loads them, and the unit tests in
/// `deploy/rules/tests/` pass `promtool test rules`.
@Suite(.enabled(if: TestBinaries.runnable(.promtool)))
struct AlertRulesTests {
    static let folder = Fixtures.repository.appendingPathComponent("deploy/rules", isDirectory: true)
    /// Every alert, by rule file; `sibyl-slo.rules.yml` is `BurnRateAlertRules`' output for the shipped objectives
    /// (two rules per objective, one alert name).
    static let alerts = [
        "sibyl.rules.yml": [
            "SibylObjectiveViolated", "SibylObjectivePredictedViolation", "SibylDown", "SibylSourceDown",
        ],
        "sibyl-slo.rules.yml": ["SibylErrorBudgetBurn"],
    ]
    /// The number of rules in each rule file.
    static let ruleCounts = ["sibyl.rules.yml": 5, "sibyl-slo.rules.yml": 10]

    /// Runs promtool with `arguments` in the rules folder.
    /// - Returns: its exit status and combined output.
    static func promtool(_ arguments: String...) throws -> (status: Int32, output: String) {
        try promtool(arguments)
    }

    /// Runs promtool with `arguments` in the rules folder.
    /// - Returns: its exit status and combined output.
    static func promtool(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try ProcessOutput.run(try TestBinaries.require(.promtool), arguments, in: folder)
    }

    /// The `*.yml` files of `deploy/rules/`, as `rule_files: [deploy/rules/*.yml]` matches them.
    static func ruleFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yml") }.sorted()
    }

    @Test("promtool check rules deploy/rules/*.yml")
    func rulesAreValid() throws {
        let files = try Self.ruleFiles()
        #expect(files == ["sibyl-slo.rules.yml", "sibyl.rules.yml"])
        let (status, output) = try Self.promtool(["check", "rules"] + files)
        #expect(status == 0, "\(output)")
        for (file, count) in Self.ruleCounts {
            #expect(output.contains("Checking \(file)\n  SUCCESS: \(count) rules found"), "\(output)")
        }
    }

    @Test("the repository's prometheus.yml is valid and loads the rules")
    func prometheusConfigurationLoadsTheRules() throws {
        let (status, output) = try Self.promtool("check", "config", "../../prometheus.yml")
        #expect(status == 0, "\(output)")
        #expect(output.contains("SUCCESS: \(try Self.ruleFiles().count) rule files found"), "\(output)")
    }

    /// The unit-test file of a rule file: `tests/<name>.test.yml`.
    static func testFile(of ruleFile: String) -> String {
        "tests/" + ruleFile.dropLast(".yml".count) + ".test.yml"
    }

    @Test("every rule file has unit tests, and they pass", arguments: alerts.keys.sorted())
    func unitTestsPass(ruleFile: String) throws {
        let (status, output) = try Self.promtool("test", "rules", Self.testFile(of: ruleFile))
        #expect(status == 0, "\(output)")
        #expect(output.contains("SUCCESS"), "\(output)")
    }

    @Test(
        "every alert is defined, and unit-tested both firing and silent",
        arguments: alerts.sorted { $0.key < $1.key }.flatMap { file, alerts in alerts.map { (file, $0) } })
    func everyAlertIsTested(ruleFile: String, alert: String) throws {
        let rules = try String(contentsOf: Self.folder.appendingPathComponent(ruleFile), encoding: .utf8)
        #expect(rules.contains("- alert: \(alert)\n"))
        let tests = try String(
            contentsOf: Self.folder.appendingPathComponent(Self.testFile(of: ruleFile)), encoding: .utf8)
        let checks = tests.components(separatedBy: "alertname: \(alert)\n").dropFirst()
        #expect(checks.contains { $0.hasPrefix("        exp_alerts: []") }, "\(alert) is never expected silent")
        #expect(checks.contains { $0.hasPrefix("        exp_alerts:\n") }, "\(alert) is never expected to fire")
    }
}
