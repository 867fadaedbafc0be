import SibylAnalysis
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

struct ErrorBudgetReportTests {
    static let time: Int64 = 1_790_000_000_000
    static let hour: Int64 = 3_600_000
    static let api = [Label("job", "api")]
    static let web = [Label("job", "web")]

    /// Six hourly cycles up to `time` of 1,000 requests each: api's bad ones rise 0, 3, …, 15 (burn rates 0 to 1.5
    /// at target 0.99), web never fails, and `idle` had no requests.
    static func histories() -> [[Label]: SLIHistory] {
        var api = SLIHistory()
        var web = SLIHistory()
        var idle = SLIHistory()
        for index in 0..<6 {
            let cycle = time - Int64(5 - index) * hour
            api.append(SLIEvents(good: 1000 - 3 * Double(index), total: 1000), at: cycle)
            web.append(SLIEvents(good: 1000, total: 1000), at: cycle)
            idle.append(.zero, at: cycle)
        }
        return [Self.api: api, Self.web: web, [Label("job", "idle")]: idle]
    }

    /// The report of the ratio objective `api-errors` (target 0.99, 30 days) over ``histories()``.
    static func report() throws -> ErrorBudgetReport {
        let specification = try ErrorBudgetLedgerTests.ratioObjective()
        let budget = try #require(specification.budget)
        return ErrorBudgetReport(specification, budget: budget, histories: histories(), at: time)
    }

    @Test("the SLI and burn rate of each window sum the cycles inside it; the period is the last window")
    func windows() throws {
        let report = try Self.report()
        #expect(report.objective == "api-errors")
        #expect(report.target == 0.99)
        #expect(!report.groupsAreSeries)
        #expect(report.groups.map(\.labels) == [[Label("job", "api")], [Label("job", "idle")], [Label("job", "web")]])
        let api = report.groups[0]
        #expect(api.windows.map(\.label) == ["5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d"])
        // 5m, 30m, 1h: the last cycle alone, 15 of 1,000 bad.
        for length in [300_000, 1_800_000, Self.hour] {
            let window = try #require(api.window(length))
            expectClose(window.sli ?? .nan, 0.985, rtol: 1e-12, "sli \(window.label)")
            expectClose(window.burnRate ?? .nan, 1.5, rtol: 1e-12, "burn \(window.label)")
        }
        // 2h: the last two cycles, 27 of 2,000; 6h and longer: all six, 45 of 6,000.
        expectClose(api.window(2 * Self.hour)?.burnRate ?? .nan, 1.35, rtol: 1e-12, "burn 2h")
        for length in [6 * Self.hour, 24 * Self.hour, 30 * 24 * Self.hour] {
            expectClose(api.window(length)?.burnRate ?? .nan, 0.75, rtol: 1e-12, "burn \(length)")
            expectClose(api.window(length)?.sli ?? .nan, 0.9925, rtol: 1e-12, "sli \(length)")
        }
    }

    @Test("budget left and both exhaustion ETAs: a rising burn runs out sooner by the trend than at the period's rate")
    func exhaustion() throws {
        let report = try Self.report()
        let api = report.groups[0]
        expectClose(api.remaining ?? .nan, 0.25, rtol: 1e-12, "remaining")
        // At the period's burn rate 0.75, the quarter left lasts 0.25 × 30 d / 0.75: a third of the period.
        let period = 30 * 86_400.0
        expectClose(api.periodEtaSeconds ?? .nan, period / 3, rtol: 1e-12, "period basis")
        // The trend: 1.5 now, rising 0.3 per hour; the quarter left (0.25 × period burn-rate seconds) is spent when
        // 1.5·t + k·t²/2 reaches it.
        let slope = 0.3 / 3600
        let need = 0.25 * period
        let expected = ((1.5 * 1.5 + 2 * slope * need).squareRoot() - 1.5) / slope
        expectClose(api.forecastEtaSeconds ?? .nan, expected, rtol: 1e-9, "forecast basis")
        #expect(try #require(api.forecastEtaSeconds) < period / 3)
        // web never failed: untouched, never runs out; idle had no events: no SLI, no budget.
        let web = report.groups[2]
        #expect(web.remaining == 1)
        #expect(web.periodEtaSeconds == nil)
        #expect(web.forecastEtaSeconds == nil)
        let idle = report.groups[1]
        #expect(idle.remaining == nil)
        #expect(idle.windows.allSatisfy { $0.sli == nil && $0.burnRate == nil })
        #expect(report.worstGroup?.labels == Self.api)
    }

    @Test("the families rendered from a report are the ledger's: one target, the group's windows, budget and ETAs")
    func families() throws {
        let families = ErrorBudgetSeries().families([try Self.report()])
        let api = ["objective": "api-errors", "job": "api"]
        #expect(ErrorBudgetLedgerTests.value(families, "sibyl_slo_target", ["objective": "api-errors"]) == 0.99)
        #expect(
            ErrorBudgetLedgerTests.value(families, "sibyl_slo_error_budget_remaining", api)
                == (try Self.report()).groups[0].remaining)
        #expect(
            ErrorBudgetLedgerTests.value(families, "sibyl_slo_burn_rate", api.merging(["window": "2h"]) { $1 })
                == (try Self.report()).groups[0].window(2 * Self.hour)?.burnRate)
        #expect(
            ErrorBudgetLedgerTests.value(
                families, "sibyl_slo_error_budget_exhaustion_eta_seconds", api.merging(["basis": "period"]) { $1 })
                == (try Self.report()).groups[0].periodEtaSeconds)
        // idle has no events: no series at all.
        let idle = ["objective": "api-errors", "job": "idle"]
        #expect(ErrorBudgetLedgerTests.value(families, "sibyl_slo_error_budget_remaining", idle) == nil)
        #expect(ErrorBudgetLedgerTests.value(families, "sibyl_slo_sli", idle.merging(["window": "1h"]) { $1 }) == nil)
    }

    @Test("the ledger keeps its last judgement's reports, for the objective's current target and period only")
    func ledgerKeepsLatest() async throws {
        let store = ErrorBudgetLedgerTests.requests(badMinutes: 0..<10)
        let specification = try ErrorBudgetLedgerTests.ratioObjective()
        let ledger = try ErrorBudgetLedgerTests.ledger(step: 15_000)
        #expect(ledger.latestReport(of: specification) == nil)
        for minute in Int64(1)...30 {
            _ = await ledger.record([specification], store: store, at: ErrorBudgetLedgerTests.start + minute * 60_000)
        }
        let report = try #require(ledger.latestReport(of: specification))
        #expect(report.groups.map(\.labels) == [Self.api, Self.web])
        #expect(try #require(report.groups[0].remaining) < 1)
        #expect(report.groups[1].remaining == 1)
        // The same objective with another target reads as not judged yet.
        #expect(ledger.latestReport(of: try ErrorBudgetLedgerTests.ratioObjective(target: 0.95)) == nil)
        #expect(ledger.latestReport(of: try ErrorBudgetLedgerTests.ratioObjective(period: 86_400_000)) == nil)
    }
}
