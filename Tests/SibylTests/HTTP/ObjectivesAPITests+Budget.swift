import Foundation
import Logging
import Sibyl
import SibylAnalysis
import SibylTestSupport
import SibylWire
import Testing

extension ObjectivesAPITests {
    /// The status provider of `sibyl run` (a runner that has judged nothing yet) over a ledger that has recorded
    /// `api-errors` for half an hour, its first ten minutes failing.
    static func budgetProvider() async throws -> (EvaluatedObjectiveStatusProvider, ErrorBudgetLedger) {
        let configuration = try SibylConfiguration(
            yaml: "source: {url: 'http://127.0.0.1:9'}\nselectors: [up]\n", file: "t.yml")
        let runner = AnalysisRunner(
            configuration: try AnalysisRunner.Configuration(configuration),
            board: ExpositionBoard(publisher: ExpositionPublisher()), logger: Logger(label: "test"))
        let ledger = try ErrorBudgetLedgerTests.ledger(step: 15_000)
        let store = ErrorBudgetLedgerTests.requests(badMinutes: 0..<10)
        let specification = try ErrorBudgetLedgerTests.ratioObjective()
        for minute in Int64(1)...30 {
            _ = await ledger.record([specification], store: store, at: ErrorBudgetLedgerTests.start + minute * 60_000)
        }
        return (EvaluatedObjectiveStatusProvider(runner: runner, budgets: ledger), ledger)
    }

    @Test("/status of an objective with a target has a budget section per group; one without a target has none")
    func budgetStatus() async throws {
        let (provider, ledger) = try await Self.budgetProvider()
        let report = try #require(ledger.latestReport(of: try ErrorBudgetLedgerTests.ratioObjective()))
        let specification = try ErrorBudgetLedgerTests.ratioObjective()
        let declared = ObjectiveConfiguration(
            try Objective(
                name: specification.name, selector: specification.selector, budget: specification.budget,
                ratio: specification.ratio, by: specification.by),
            line: 40)
        try await ObjectivesServer.with(declared: [declared], statusProvider: provider) { server in
            let response = try await server.send("GET", "/api/v1/objectives/api-errors/status")
            #expect(response.status == 200)
            let data = try #require(response.json["data"] as? [String: Any])
            let budget = try #require(data["budget"] as? [String: Any], "\(response.text)")
            #expect(budget["target"] as? Double == 0.99)
            #expect(budget["period"] as? String == "30d")
            let groups = try #require(budget["groups"] as? [[String: Any]])
            #expect(groups.map { $0["labels"] as? [String: String] } == [["job": "api"], ["job": "web"]])
            let api = groups[0]
            let windows = try #require(api["windows"] as? [[String: Any]])
            #expect(windows.map { $0["window"] as? String } == ["5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d"])
            let hour = try #require(report.groups[0].window(3_600_000))
            #expect(windows[2]["sli"] as? Double == hour.sli)
            #expect(windows[2]["burn_rate"] as? Double == hour.burnRate)
            // Ten bad minutes of thirty overspend a 1 % budget: none left, spent now on both bases.
            let remaining = try #require(api["remaining"] as? Double)
            #expect(remaining == report.groups[0].remaining)
            #expect(remaining < 0)
            #expect(api["eta_seconds"] as? [String: Double] == ["period": 0, "forecast": 0])
            // web never failed: its budget is whole and runs out on neither basis.
            #expect(groups[1]["remaining"] as? Double == 1)
            #expect(groups[1]["eta_seconds"] == nil)

            _ = try await server.send("PUT", "/api/v1/objectives/plain", json: #"{"selector":"up","min":1}"#)
            let plain = try await server.send("GET", "/api/v1/objectives/plain/status")
            #expect(plain.status == 200)
            #expect(!plain.text.contains("budget"), "\(plain.text)")
        }
    }
}
