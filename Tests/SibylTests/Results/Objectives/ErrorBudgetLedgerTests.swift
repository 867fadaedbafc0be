import SibylAnalysis
import SibylTestSupport
import SibylWire
import Synchronization
import Testing

@testable import Sibyl

struct ErrorBudgetLedgerTests {
    static let start: Int64 = 1_790_000_000_000
    static let hour: Int64 = 3_600_000

    /// The rows a ledger persisted, as the archive would keep them.
    final class Archived: Sendable {
        let rows = Mutex<[ErrorBudgetLedger.Row]>([])
    }

    static func ledger(step: Int64, persisted: Archived? = nil) throws -> ErrorBudgetLedger {
        let forecaster = try ForecastEvaluator(
            configuration: ForecastConfiguration(), step: PrometheusDuration(milliseconds: step), window: 12 * hour)
        return ErrorBudgetLedger(
            events: ErrorBudgetEvents(
                evaluator: ObjectiveEvaluator(step: step, forecaster: forecaster), firstSpan: 60_000,
                longestSpan: 12 * hour),
            persist: { rows in persisted?.rows.withLock { $0 += rows } })
    }

    /// 6 h of request counters every 15 s for jobs api and web, 10 requests/s each; api fails 3 requests/s more in
    /// its bad minutes (counted in both the 500 counter and the total).
    static func requests(badMinutes: Range<Int64>) -> SeriesStore {
        var store = SeriesStore(maxSeries: 10)
        for job in ["api", "web"] {
            var ok = 1000.0
            var errors = 7.0
            var okSamples: [Sample] = []
            var errorSamples: [Sample] = []
            for index in 0...1440 {
                let time = start + Int64(index) * 15_000
                let minute = (time - start - 1) / 60_000
                ok += 150
                if job == "api", index > 0, badMinutes.contains(minute) { errors += 45 }
                okSamples.append(Sample(timestamp: time, value: ok))
                errorSamples.append(Sample(timestamp: time, value: errors))
            }
            for (code, samples) in [("200", okSamples), ("500", errorSamples)] {
                store.ingest(
                    TimeSeries(
                        labels: [Label("__name__", "http_requests_total"), Label("code", code), Label("job", job)],
                        samples: samples))
            }
        }
        return store
    }

    static func ratioObjective(target: Double = 0.99, period: Int64 = 30 * 86_400_000) throws -> ObjectiveSpecification
    {
        ObjectiveSpecification(
            name: "api-errors", selector: try SeriesSelector(parsing: "http_requests_total"), range: nil,
            isRate: false, windows: [hour],
            budget: try ObjectiveBudget(target: target, period: PrometheusDuration(milliseconds: period)),
            ratio: RatioIndicator(
                counted: .errors, events: try SeriesSelector(parsing: #"http_requests_total{code=~"5.."}"#),
                total: try SeriesSelector(parsing: "http_requests_total")),
            by: ["job"])
    }

    /// The value of `name` with `labels` among `families`.
    static func value(_ families: [MetricFamily], _ name: String, _ labels: [String: String]) -> Double? {
        let text = (try? ExpositionWriter().renderString(families)) ?? ""
        let found = ExposedSample.find(in: text, name, labels)
        return found.count == 1 ? found[0].value : nil
    }

    @Test("a ratio objective's SLI, burn rate and budget per window are exact on known bad minutes, across a restart")
    func ratioKnownBadMinutes() async throws {
        let store = Self.requests(badMinutes: 120..<130)
        let specification = try Self.ratioObjective()
        let persisted = Archived()
        var ledger = try Self.ledger(step: 15_000, persisted: persisted)
        var families: [MetricFamily] = []
        for minute in Int64(1)...360 {
            if minute == 200 {
                // A restart: a new ledger from the archived rows.
                ledger = try Self.ledger(step: 15_000, persisted: persisted)
                ledger.restore(persisted.rows.withLock { $0 })
            }
            families = await ledger.record([specification], store: store, at: Self.start + minute * 60_000)
        }
        // The last judgement's span ends two steps (30 s) before minute 360, so the whole history up to 359m30s
        // (1,438 scrapes after the first) lies in the 1d, 3d and 30d windows: 10 bad minutes of 45 errors per 15 s
        // scrape, and 150 + those per scrape in the total.
        let errors = 10.0 * 4 * 45
        let total = 1438 * 150 + errors
        let labels = ["objective": "api-errors", "job": "api"]
        try Self.expectLongWindows(families, labels, bad: errors, total: total)
        // The last 6 h hold minutes 0 to 360 too, the last hour none of the bad ones.
        #expect(Self.value(families, "sibyl_slo_sli", labels.merging(["window": "1h"]) { $1 }) == 1)
        #expect(Self.value(families, "sibyl_slo_burn_rate", labels.merging(["window": "1h"]) { $1 }) == 0)
        let remaining = try #require(Self.value(families, "sibyl_slo_error_budget_remaining", labels))
        expectClose(remaining, 1 - errors / total / 0.01, rtol: 1e-12, "remaining")
        #expect(Self.value(families, "sibyl_slo_target", ["objective": "api-errors"]) == 0.99)
        // web never failed: its budget is whole, and it never runs out.
        let web = ["objective": "api-errors", "job": "web"]
        #expect(Self.value(families, "sibyl_slo_error_budget_remaining", web) == 1)
        #expect(Self.value(families, "sibyl_slo_error_budget_exhaustion_eta_seconds", web) == nil)
        // A window of 5 minutes inside the bad ones: 3 of 13 requests per second fail.
        let during = await Self.ledgerAt(minute: 128, store: store, specification: specification)
        let fiveMinutes = try #require(
            Self.value(during, "sibyl_slo_sli", labels.merging(["window": "5m"]) { $1 }))
        expectClose(fiveMinutes, 1 - 45.0 / 195, rtol: 1e-12, "5m during the bad minutes")
    }

    /// Checks the SLI and burn rate (target 0.99) of the 1d, 3d and 30d windows, which hold the whole history.
    static func expectLongWindows(
        _ families: [MetricFamily], _ labels: [String: String], bad: Double, total: Double,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for window in ["1d", "3d", "30d"] {
            let windowed = labels.merging(["window": window]) { $1 }
            let sli = try #require(Self.value(families, "sibyl_slo_sli", windowed), sourceLocation: sourceLocation)
            expectClose(sli, 1 - bad / total, rtol: 1e-12, "sli \(window)", sourceLocation: sourceLocation)
            let burn = try #require(
                Self.value(families, "sibyl_slo_burn_rate", windowed), sourceLocation: sourceLocation)
            expectClose(burn, bad / total / 0.01, rtol: 1e-12, "burn \(window)", sourceLocation: sourceLocation)
        }
    }

    /// The families of a fresh ledger run every minute up to `minute`.
    static func ledgerAt(
        minute: Int64, store: SeriesStore, specification: ObjectiveSpecification
    ) async -> [MetricFamily] {
        guard let ledger = try? Self.ledger(step: 15_000) else { return [] }
        var families: [MetricFamily] = []
        for current in Int64(1)...minute {
            families = await ledger.record([specification], store: store, at: Self.start + current * 60_000)
        }
        return families
    }

    @Test("a steady burn gives an exhaustion ETA of the budget left over the burn, within one cycle")
    func steadyBurn() async throws {
        // Errors all along: 45 of 195 requests per scrape, for a 1-day period and a target of 0.7.
        let store = Self.requests(badMinutes: 0..<10_000)
        let specification = try Self.ratioObjective(target: 0.7, period: 86_400_000)
        let ledger = try Self.ledger(step: 15_000)
        var families: [MetricFamily] = []
        for minute in Int64(1)...360 {
            families = await ledger.record([specification], store: store, at: Self.start + minute * 60_000)
        }
        let labels = ["objective": "api-errors", "job": "api"]
        let burn = (45.0 / 195) / 0.3
        let remaining = try #require(Self.value(families, "sibyl_slo_error_budget_remaining", labels))
        expectClose(remaining, 1 - burn, rtol: 1e-9, "remaining")
        let eta = try #require(
            Self.value(
                families, "sibyl_slo_error_budget_exhaustion_eta_seconds", labels.merging(["basis": "period"]) { $1 }))
        #expect(abs(eta - remaining * 86_400 / burn) <= 60, "eta \(eta)")
        // The burn rate's trend is flat: the forecast basis says the same.
        let forecast = try #require(
            Self.value(
                families, "sibyl_slo_error_budget_exhaustion_eta_seconds",
                labels.merging(["basis": "forecast"]) { $1 }))
        #expect(abs(forecast - remaining * 86_400 / burn) <= 60, "forecast eta \(forecast)")
    }

    @Test("a range objective's budget counts time: 10 minutes outside of two hours")
    func rangeObjective() async throws {
        var store = SeriesStore(maxSeries: 10)
        let samples = (0...1440).map { index -> Sample in
            let time = Self.start + Int64(index) * 5_000
            let offset = time - Self.start
            return Sample(timestamp: time, value: offset > 30 * 60_000 && offset <= 40 * 60_000 ? 90 : 50)
        }
        store.ingest(TimeSeries(labels: [Label("__name__", "temp_celsius"), Label("job", "hw")], samples: samples))
        let specification = ObjectiveSpecification(
            name: "temperature", selector: try SeriesSelector(parsing: "temp_celsius"),
            range: try AllowedRange(min: 0, max: 80), isRate: false, windows: [Self.hour],
            budget: try ObjectiveBudget(target: 0.99))
        let ledger = try Self.ledger(step: 5_000)
        var families: [MetricFamily] = []
        for minute in Int64(1)...120 {
            families = await ledger.record([specification], store: store, at: Self.start + minute * 60_000)
        }
        let labels = ["objective": "temperature", "metric": "temp_celsius", "job": "hw"]
        let lastHour = try #require(Self.value(families, "sibyl_slo_sli", labels.merging(["window": "1h"]) { $1 }))
        #expect(lastHour == 1)
        // The windows end two steps (10 s) before minute 120; the first sample covers one step before it: 7,195 s
        // covered, 600 of them outside.
        let twoHours = try #require(Self.value(families, "sibyl_slo_sli", labels.merging(["window": "2h"]) { $1 }))
        expectClose(twoHours, (7195.0 - 600) / 7195, rtol: 1e-12, "2h")
        let burn = try #require(Self.value(families, "sibyl_slo_burn_rate", labels.merging(["window": "2h"]) { $1 }))
        expectClose(burn, (600.0 / 7195) / 0.01, rtol: 1e-12, "2h burn")
    }
}
