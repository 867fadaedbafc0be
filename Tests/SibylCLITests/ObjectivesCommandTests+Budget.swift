import ArgumentParser
import Foundation
import Sibyl
import SibylAnalysis
import SibylWire
import Testing

@testable import SibylCLI

extension ObjectivesCommandTests {
    /// Says `free_memory` is not judged yet but has a budget (target 0.99 over 30 days) over six hourly cycles of two
    /// series: host `a` burning more and more (bad 0, 3, …, 15 of 1,000 per cycle), host `b` never.
    struct BudgetProvider: ObjectiveStatusProvider {
        static let time: Int64 = 1_790_000_000_000

        func status(of objective: RegisteredObjective) async -> ObjectiveStatus {
            var status = ObjectiveStatus.unevaluated(objective)
            guard let specification = ObjectiveSpecification(objective), let budget = try? ObjectiveBudget(target: 0.99)
            else { return status }
            var histories: [[Label]: SLIHistory] = [:]
            for (host, step) in [("a", 3.0), ("b", 0)] {
                var history = SLIHistory()
                for index in 0..<6 {
                    history.append(
                        SLIEvents(good: 1000 - step * Double(index), total: 1000),
                        at: Self.time - Int64(5 - index) * 3_600_000)
                }
                histories[[Label("__name__", "node_memory_MemFree_bytes"), Label("instance", host)]] = history
            }
            status.budget = ErrorBudgetReport(specification, budget: budget, histories: histories, at: Self.time)
            return status
        }
    }

    static let budget = """
        objective free_memory [100000000, -] on node_memory_MemFree_bytes
        not evaluated yet

        error budget: target 99 % over 30d
        budget left and burn rate per window:
        GROUP           LEFT   5m    1h    6h    1d    3d    30d
        {instance="a"}  25 %   1.50  1.50  0.75  0.75  0.75  0.75
        {instance="b"}  100 %  0.00  0.00  0.00  0.00  0.00  0.00

        GROUP           ETA_AT_PERIOD_RATE  ETA_BY_6H_TREND
        {instance="a"}  10d                 1d6h
        {instance="b"}  -                   -

        """

    @Test("status shows the budget left, the burn rates and both exhaustion ETAs per group; json passes it through")
    func budgetStatus() async throws {
        try await Self.withSibyl(statusProvider: BudgetProvider()) { url, _ in
            let table = try await ObjectiveStatusCommand.parse(["free_memory", "--url", url, "--timeout", "300"])
                .execute()
            #expect(table == Self.budget)
            #expect(table.split(separator: "\n").allSatisfy { $0.count <= 80 })
            let json = try await ObjectiveStatusCommand.parse([
                "free_memory", "--url", url, "--timeout", "300", "--format", "json",
            ]).execute()
            let data = try #require(
                try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let budget = try #require(data["budget"] as? [String: Any])
            #expect(budget["period"] as? String == "30d")
            let groups = try #require(budget["groups"] as? [[String: Any]])
            #expect(groups.count == 2)
            #expect((groups[0]["eta_seconds"] as? [String: Double])?["forecast"].map { abs($0 - 108_000) < 1 } == true)
        }
    }

    @Test(
        "durations as their two largest units",
        arguments: [
            (0.0, "0s"), (30, "30s"), (250, "4m10s"), (3600, "1h"), (19_200, "5h20m"), (864_000, "10d"),
            (1_047_600, "12d3h"), (108_000.4, "1d6h"),
        ])
    func budgetDuration(seconds: Double, text: String) {
        #expect(ObjectiveBudgetView.duration(seconds) == text)
    }
}
