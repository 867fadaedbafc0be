import Foundation
import SibylAnalysis
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

/// Sibyl's budgets under Sloth's names: the names, labels and values of each family, and their equality with what
/// Prometheus records from the same counters with Sloth's own rules (`promtool test rules`).
struct SlothSeriesTests {
    static let minute: Int64 = 60_000
    /// A time on the minute, so that promtool's minute `m` is `start + m` minutes.
    static let start: Int64 = 29_833_333 * 60_000

    static func labels(_ sample: ExposedSample) -> [String: String] { sample.labels }

    static func render(_ families: [MetricFamily]) -> String {
        (try? ExpositionWriter().renderString(families)) ?? ""
    }

    @Test("durations are spelled as Sloth spells them: weeks and years only when exact")
    func durations() {
        let day: Int64 = 86_400_000
        #expect(ErrorBudgetLedger.windows.map(SlothFamilies.duration) == ["5m", "30m", "1h", "2h", "6h", "1d", "3d"])
        #expect(SlothFamilies.duration(30 * day) == "30d")
        #expect(SlothFamilies.duration(28 * day) == "4w")
        #expect(SlothFamilies.duration(14 * day) == "2w")
        #expect(SlothFamilies.duration(365 * day) == "1y")
        #expect(SlothFamilies.duration(90 * 60_000) == "1h30m")
        #expect(SlothFamilies.duration(1_500) == "1s500ms")
    }

    @Test("the error ratio family of any period is known to the catalog; other slo: names are not")
    func periodFamilies() throws {
        #expect(FamilyCatalog.family(named: "slo:sli_error:ratio_rate30d")?.isSloth == true)
        let fourWeeks = try #require(FamilyCatalog.family(named: "slo:sli_error:ratio_rate4w"))
        #expect(fourWeeks.kind == .objectives && fourWeeks.labels.contains("sloth_window"))
        #expect(FamilyCatalog.family(named: "slo:sli_error:ratio_rate1h30m") != nil)
        #expect(FamilyCatalog.family(named: "slo:sli_error:ratio_rate28d") == nil)  // Sloth writes 4w
        #expect(FamilyCatalog.family(named: "slo:sli_error:ratio_rateabc") == nil)
        #expect(ResultKind.objectives.contains(family: "sloth_slo_info"))
        #expect(FamilyCatalog.namesDerivedSeries("slo:current_burn_rate:ratio"))
        #expect(!FamilyCatalog.namesDerivedSeries("node_load1"))
    }

    @Test("labels: sloth_id is service-objective, a group's labels stay, one named like Sloth's is exported_")
    func labelsAndInfo() throws {
        var history = SLIHistory()
        for minute in Int64(1)...10 {
            history.append(SLIEvents(good: minute == 10 ? 90 : 100, total: 100), at: Self.start + minute * Self.minute)
        }
        let specification = try ErrorBudgetLedgerTests.ratioObjective(target: 0.999, period: 7 * 86_400_000)
        let group = [Label("job", "api"), Label("sloth_slo", "clash")]
        let text = Self.render(
            SlothSeries(service: "shop", version: "9.9").families(
                [(specification, [group: history])], at: Self.start + 10 * Self.minute))
        let objective = ["sloth_id": "shop-api-errors", "sloth_service": "shop", "sloth_slo": "api-errors"]
        let info = ExposedSample.find(in: text, "sloth_slo_info")
        #expect(
            info.map(Self.labels) == [
                objective.merging([
                    "sloth_mode": "sibyl", "sloth_objective": "99.9", "sloth_spec": "sibyl/v1", "sloth_version": "9.9",
                ]) { $1 }
            ])
        #expect(ExposedSample.find(in: text, "slo:objective:ratio").map(\.value) == [0.999])
        #expect(ExposedSample.find(in: text, "slo:error_budget:ratio").map(\.value) == [1 - 0.999])
        #expect(ExposedSample.find(in: text, "slo:time_period:days").map(\.value) == [7])
        #expect(ExposedSample.find(in: text, "slo:time_period:days").map(Self.labels) == [objective])
        let grouped = objective.merging(["job": "api", "exported_sloth_slo": "clash"]) { $1 }
        // The last minute has 10 bad of 100: 0.1 over 5m is 10 of 500.
        let fiveMinutes = ExposedSample.find(in: text, "slo:sli_error:ratio_rate5m")
        #expect(fiveMinutes.map(Self.labels) == [grouped.merging(["sloth_window": "5m"]) { $1 }])
        #expect(fiveMinutes.map(\.value) == [10.0 / 500])
        let current = ExposedSample.find(in: text, "slo:current_burn_rate:ratio", ["sloth_window": "5m"])
        #expect(current.map(\.value) == [10.0 / 500 / (1 - 0.999)])
        // The period (1w): the mean of the 5m ratios of minutes 1 … 10, of which only minute 10's holds the bad one.
        let period = ExposedSample.find(in: text, "slo:sli_error:ratio_rate1w")
        #expect(period.map(Self.labels) == [grouped.merging(["sloth_window": "1w"]) { $1 }])
        let mean = (10.0 / 500) / 10
        expectClose(try #require(period.first?.value), mean, rtol: 1e-15, "period")
        let remaining = ExposedSample.find(in: text, "slo:period_error_budget_remaining:ratio", ["sloth_window": "1w"])
        expectClose(try #require(remaining.first?.value), 1 - mean / (1 - 0.999), rtol: 1e-12, "remaining")
        // No window longer than the 1w period is left out, and none is given twice.
        #expect(ExposedSample.find(in: text, "slo:sli_error:ratio_rate3d").count == 1)
    }

    @Test("a period equal to a budget window gives that name the period's mean; off, no Sloth series at all")
    func periodOfAWindow() async throws {
        var history = SLIHistory()
        for minute in Int64(1)...120 {
            let bad: Double = minute <= 60 ? 0 : (minute % 2 == 0 ? 50 : 0)
            history.append(SLIEvents(good: 100 - bad, total: 100), at: Self.start + minute * Self.minute)
        }
        let specification = try ErrorBudgetLedgerTests.ratioObjective(period: 3_600_000)
        let text = Self.render(
            SlothSeries(service: "s").families([(specification, [[]: history])], at: Self.start + 120 * Self.minute))
        let hour = ExposedSample.find(in: text, "slo:sli_error:ratio_rate1h")
        // Every 5m window of the last hour holds 2 or 3 bad minutes of 50: the mean of those ratios, not 0.25.
        #expect(hour.count == 1)
        let ratios = (61...120).map { (end: Int) -> Double in
            let bad = (end - 4...end).filter { $0 % 2 == 0 && $0 > 60 }.count
            return Double(bad) * 50 / 500
        }
        expectClose(try #require(hour.first?.value), ratios.reduce(0, +) / 60, rtol: 1e-15, "mean")
        #expect(SlothSeries(SLOConfiguration()) == nil)
        let ledger = try ErrorBudgetLedgerTests.ledger(step: 15_000)
        let families = await ledger.record(
            [try ErrorBudgetLedgerTests.ratioObjective()],
            store: ErrorBudgetLedgerTests.requests(badMinutes: 0..<1), at: ErrorBudgetLedgerTests.start + 600_000)
        #expect(!families.isEmpty)
        #expect(families.allSatisfy { $0.name.rawValue.hasPrefix("sibyl_") })
    }
}

extension SlothSeriesTests {
    /// The minutes without a scrape: two gaps of 10 minutes.
    static let gaps = [40..<50, 130..<140]
    static let minutes = 480
    static let minute64: Int64 = 60_000
    /// The period: 7h, longer than every window compared (Sibyl holds a period of history, so a longer window
    /// sees only the period; Prometheus sees all of it).
    static let period: Int64 = 7 * 3_600_000

    /// The errors per minute of each job: multiples of 2,025, and none within 6 minutes of a gap's edges.
    static func errors(_ job: String, _ minute: Int) -> Double {
        switch (job, minute) {
        case ("api", 10..<20): 3 * 2025
        case ("api", 70..<80), ("api", 160..<190), ("api", 300..<330): 2025
        case ("api", 100..<110), ("api", 440..<450): 2 * 2025
        case ("web", 20..<30), ("web", 380..<400): 2025
        case ("web", 200..<215): 4 * 2025
        default: 0
        }
    }

    /// Request counters of jobs api and web, `code="200"` and `code="500"`, scraped every minute from 0 (where
    /// they are 0) to 480 minutes but in the gaps, as promtool series notation and as a store.
    ///
    /// Why Prometheus' `rate()` and Sibyl's exact increases give the same ratios (up to the rounding
    /// ``SlothRulesTestFile/tolerance`` explains):
    /// - A window `[T − w, T]` with a scrape at both ends (promtool 2.42's ranges are closed) is not extrapolated:
    ///   `rate = increase / w`. A window starting before minute 0 is extrapolated back to the counter's zero, which
    ///   is its first sample: again `increase / w`.
    /// - In a gap the service has no traffic: the first scrape after it holds the value before it. A 5m window
    ///   holding fewer than two scrapes has no sample in Prometheus and no events in Sibyl. Windows ending in a gap
    ///   or just after it are extrapolated (the counters' ratio is unchanged): no errors happen near the gaps, so
    ///   those ratios are 0 in both. Longer windows are only compared where neither end falls in a gap, where
    ///   Prometheus would extrapolate and Sibyl counts from the scrape before the gap.
    static func counters() -> (notation: [(String, String)], store: SeriesStore) {
        var store = SeriesStore(maxSeries: 10)
        var notation: [(String, String)] = []
        for job in ["api", "web"] {
            for code in ["200", "500"] {
                var value = 0.0
                var samples: [Sample] = []
                var values: [String] = []
                for minute in 0...minutes {
                    if gaps.contains(where: { $0.contains(minute) }) {
                        values.append("_")
                        continue
                    }
                    let afterGap = gaps.contains { $0.upperBound == minute }
                    if minute > 0, !afterGap {
                        value += code == "200" ? (job == "api" ? 4050 : 2025) : errors(job, minute)
                    }
                    samples.append(Sample(timestamp: start + Int64(minute) * minute64, value: value))
                    values.append(String(Int(value)))
                }
                let labels = [Label("__name__", "http_requests_total"), Label("code", code), Label("job", job)]
                store.ingest(TimeSeries(labels: labels, samples: samples))
                notation.append((#"http_requests_total{code="\#(code)",job="\#(job)"}"#, values.joined(separator: " ")))
            }
        }
        return (notation, store)
    }

    /// The period's families, compared through their difference.
    static var periodFamilies: [String] {
        [
            SlothFamilies.sliErrorPrefix + SlothFamilies.duration(period), "slo:period_burn_rate:ratio",
            "slo:period_error_budget_remaining:ratio",
        ]
    }

    /// The checks: each family at minutes where Prometheus and Sibyl must agree (see ``counters()``).
    static func checks(_ exposed: [Int: String]) -> [SlothRulesTestFile.Check] {
        func inGap(_ minute: Int) -> Bool { gaps.contains { $0.contains(minute) } }
        func check(_ minute: Int, _ family: String, exact: Bool = false) -> SlothRulesTestFile.Check {
            SlothRulesTestFile.Check(
                minute: minute, family: family, samples: ExposedSample.find(in: exposed[minute] ?? "", family),
                exact: exact)
        }
        var checks: [SlothRulesTestFile.Check] = []
        let times = [3, 12, 25, 35, 60, 75, 100, 125, 160, 175, 200, 240, 300, 330, 390, 420, 445, 470, 480]
        for window in ErrorBudgetLedger.windows where window <= period {
            let length = Int(window / minute64)
            for time in times where !inGap(time) && !inGap(time - length) {
                checks.append(check(time, SlothFamilies.sliErrorPrefix + SlothFamilies.duration(window)))
            }
        }
        // Around the gaps, every minute: 5m windows with fewer than two scrapes have no sample.
        for time in Array(34...58) + Array(124...148) {
            checks.append(check(time, "slo:sli_error:ratio_rate5m"))
            checks.append(check(time, "slo:current_burn_rate:ratio"))
        }
        // The period: where its closed range in promtool 2.42 has no 5m sample on its start, so that it holds the
        // same cycles as Sibyl's (T − period, T] (Prometheus 3's left-open range): before the period has passed,
        // and where its start falls in the first gap, once 44 minutes of cycles have left it.
        let length = Int(period / minute64)
        for time in [30, 60, 200, length] + Array(length + 44...length + 50) {
            for family in periodFamilies { checks.append(check(time, family)) }
        }
        for time in [1, 120, 480] {
            for family in ["slo:objective:ratio", "slo:error_budget:ratio", "slo:time_period:days", "sloth_slo_info"] {
                checks.append(check(time, family, exact: true))
            }
        }
        return checks
    }

    @Test(
        "equal to what Prometheus records with Sloth's rules on the same counters (promtool test rules)",
        .enabled(if: TestBinaries.runnable(.promtool)))
    func sameAsSlothRules() async throws {
        let specification = try ErrorBudgetLedgerTests.ratioObjective(period: Self.period)
        let base = try ErrorBudgetLedgerTests.ledger(step: 15_000)
        let ledger = ErrorBudgetLedger(
            events: base.events, sloth: SlothSeries(SLOConfiguration(slothCompatible: true, slothService: "shop")))
        let (notation, store) = Self.counters()
        // Judgements 30 s after each minute: their spans end two steps (30 s) before, on the minute.
        var exposed: [Int: String] = [:]
        for minute in 1...Self.minutes {
            let families = await ledger.record(
                [specification], store: store, at: Self.start + Int64(minute) * Self.minute64 + 30_000)
            exposed[minute] = Self.render(families)
        }
        let checks = Self.checks(exposed)
        // The checks see values, and absences where expected.
        #expect(checks.filter { !$0.samples.isEmpty }.count > 150)
        #expect(checks.contains { $0.family == "slo:sli_error:ratio_rate5m" && $0.minute == 45 && $0.samples.isEmpty })
        #expect(
            checks.contains { check in
                check.family == "slo:sli_error:ratio_rate7h" && check.minute == 470 && check.samples.count == 2
                    && check.samples.allSatisfy { $0.value > 0 }
            })
        let compared =
            Set(ErrorBudgetLedger.windows.map { SlothFamilies.sliErrorPrefix + SlothFamilies.duration($0) })
            .union(Self.periodFamilies).union(["slo:current_burn_rate:ratio"])
        let file = SlothRulesTestFile(
            service: "shop", specification: specification, errors: #"http_requests_total{code=~"5.."}"#,
            total: "http_requests_total", by: ["job"])
        let directory = try TemporaryDirectory(prefix: "sibyl-sloth-rules")
        defer { directory.remove() }
        try file.rules.write(to: directory.file("rules.yml"), atomically: true, encoding: .utf8)
        let tests = file.tests(
            comment: ["SlothSeriesTests.sameAsSlothRules: sibyl:* are Sibyl's slo:* series, minute by minute."],
            inputSeries: notation
                + SlothRulesTestFile.sibylSeries(exposed, families: compared, minutes: Self.minutes),
            checks: checks)
        try tests.write(to: directory.file("tests.yml"), atomically: true, encoding: .utf8)
        let promtool = try TestBinaries.require(.promtool)
        let (checked, checking) = try ProcessOutput.run(promtool, ["check", "rules", "rules.yml"], in: directory.url)
        #expect(checked == 0, "\(checking)")
        let (status, output) = try ProcessOutput.run(promtool, ["test", "rules", "tests.yml"], in: directory.url)
        #expect(status == 0, "\(output.prefix(6000))")
        #expect(output.contains("SUCCESS"), "\(output.prefix(6000))")
    }
}
