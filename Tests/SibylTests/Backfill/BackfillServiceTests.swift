import Foundation
import Logging
import SibylTestSupport
import SibylWire
import Synchronization
import Testing

@testable import Sibyl

@Suite(.enabled(if: TestBinaries.runnable(.prometheus, .promtool)))
struct BackfillServiceTests {
    static let windows = ["10m": Int64(600_000), "1h": Int64(3_600_000)]

    /// The fixture's configuration with a 6 h backfill at 1 m cycles.
    static func configuration(_ prometheus: PrometheusFixture) throws -> SibylConfiguration {
        try SibylConfiguration(
            yaml: """
                source:
                  url: \(prometheus.remoteReadURL)
                selectors: ['{job="fixture"}']
                evaluation:
                  interval: 60s
                  windows: [10m, 1h]
                backfill:
                  range: 6h
                """, file: "test.yml")
    }

    @Test("backfill.range 6h: a cycle every interval over the past 6 h, each equal to Prometheus' *_over_time")
    func sixHours() async throws {
        let time = ServiceFixture.evaluationTime()
        try await ServiceFixture.withPrometheus(at: time) { prometheus in
            try await SibylServerFixture.with(try Self.configuration(prometheus), at: time) { port in
                let text = try await SibylServerFixture.metrics(port: port, timeout: 600) { text in
                    ExposedSample.find(in: text, "sibyl_backfill_cycles", ["state": "pending"]).first?.value == 0
                        && ExposedSample.find(in: text, "sibyl_backfill_cycles", ["state": "done"]).first?.value ?? 0
                            > 0
                }
                let grid = BackfillPlan.grid((time - 6 * 3_600_000)..<time, interval: 60_000)
                #expect(grid.count == 360)
                #expect(
                    ExposedSample.find(in: text, "sibyl_backfill_cycles", ["state": "done"]).first?.value
                        == Double(grid.count))
                #expect(ExposedSample.find(in: text, "sibyl_backfill_cycles", ["state": "failed"]).first?.value == 0)
                let status = try await TestHTTP.get("http://127.0.0.1:\(port)/").text
                #expect(status.contains("done: 360 past cycles"))
                let archived = try await Self.archived(port: port, from: time - 6 * 3_600_000, to: time)
                var compared = 0
                for (window, length) in Self.windows {
                    let sine = archived.filter { $0.key["shape"] == "sine" && $0.key["window"] == window }
                    // One value per grid time, then the live cycle at T.
                    for (labels, statistics) in sine {
                        #expect(statistics.keys.sorted() == grid + [time], "\(labels)")
                    }
                    for cycle in stride(from: 0, to: grid.count, by: 35).map({ grid[$0] }) {
                        compared += try await Self.expectEqual(
                            archived, window: window, length: length, at: cycle, prometheus: prometheus)
                    }
                }
                // 11 cycles × 2 windows × the series with samples in the window (at least 3 of 6).
                #expect(compared >= 2 * 11 * 3)
            }
        }
    }

    /// The archived window statistics, by series labels (with `window`, without `__name__`) and then time: per
    /// statistic name, the value.
    static func archived(
        port: Int, from: Int64, to: Int64
    ) async throws -> [[String: String]: [Int64: [String: Double]]] {
        let client = RemoteReadClient(configuration: .init(url: "http://127.0.0.1:\(port)/api/v1/read"))
        let query = RemoteReadQuery(
            start: from, end: to, matchers: [LabelMatcher("__name__", .regexMatch, "sibyl_window_.*")])
        var values: [[String: String]: [Int64: [String: Double]]] = [:]
        _ = try await client.read([query]) { received in
            var labels: [String: String] = [:]
            for label in received.series.labels { labels[label.name] = label.value }
            let name = labels.removeValue(forKey: "__name__") ?? ""
            for sample in received.series.samples {
                values[labels, default: [:]][sample.timestamp, default: [:]][name] = sample.value
            }
        }
        return values
    }

    /// Checks each archived statistic of `window` at `time` against Prometheus' `*_over_time` over the same
    /// left-open window (`[w − 1ms]`: Prometheus 2's ranges include their start, Sibyl's and Prometheus 3's do not).
    /// - Returns: how many series were compared.
    static func expectEqual(
        _ archived: [[String: String]: [Int64: [String: Double]]], window: String, length: Int64, at time: Int64,
        prometheus: PrometheusFixture
    ) async throws -> Int {
        let range = "{job=\"fixture\"}[\(length - 1)ms]"
        var compared = 0
        for (function, statistic) in [
            ("min_over_time", "sibyl_window_min"), ("max_over_time", "sibyl_window_max"),
            ("count_over_time", "sibyl_window_samples"), ("avg_over_time", "sibyl_window_avg"),
            ("stddev_over_time", "sibyl_window_stddev"),
        ] {
            let answer = try await prometheus.query("\(function)(\(range))", at: time)
            for series in answer {
                let shape = series.labels["shape"] ?? ""
                let entry = archived.first { $0.key["shape"] == shape && $0.key["window"] == window }
                let values = try #require(entry?.value[time], "\(shape) \(window) at \(time) not archived")
                let want = try #require(series.points.first?.1)
                let count = try #require(values["sibyl_window_samples"])
                let got = try #require(values[statistic], "\(statistic) \(shape) \(window) at \(time)")
                switch statistic {
                case "sibyl_window_avg": expectClose(got, want, rtol: 1e-12, "\(statistic) \(shape) \(window) \(time)")
                case "sibyl_window_stddev":
                    guard count > 1 else { continue }
                    expectClose(
                        got, want * (count / (count - 1)).squareRoot(), rtol: 1e-9,
                        "\(statistic) \(shape) \(window) \(time)")
                default: #expect(got == want, "\(statistic) \(shape) \(window) at \(time)")
                }
                compared += 1
            }
        }
        return compared / 5
    }
}

extension BackfillServiceTests {
    @Test(
        "a second start plans only what the archive lacks: nothing for the same range, the older hour for a longer one")
    func idempotent() async throws {
        let time = ServiceFixture.evaluationTime()
        try await ServiceFixture.withPrometheus(at: time) { prometheus in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let archive = try Archive(path: directory.file("sibyl.db").path)
            defer { try? archive.close() }
            let configuration = try Self.configuration(prometheus)
            let selectors = configuration.selectors
            let refreshes = Atomic(0)
            func service(range: Int64) throws -> (BackfillService, BackfillProgress) {
                let progress = BackfillProgress()
                let run = BackfillRun(
                    evaluation: EvaluationState.Configuration(configuration), analyses: nil, objectives: { [] },
                    source: RemoteReadClient(configuration: .init(url: prometheus.remoteReadURL)),
                    logger: Logger(label: "test"))
                let service = BackfillService(
                    settings: BackfillService.Settings(range: range, interval: 60_000, blockLength: 3_600_000),
                    run: run, store: archive.results, selectors: { selectors }, progress: progress,
                    logger: Logger(label: "test"), now: { time },
                    refresh: { refreshes.add(1, ordering: .relaxed) })
                return (service, progress)
            }
            let (first, firstProgress) = try service(range: 3_600_000)
            try await archive.results.recordLiveSelectors(selectors.map(\.description), from: time)
            try await first.backfill(selectors, at: time)
            #expect(
                firstProgress.counts
                    == BackfillProgress.Counts(
                        done: 60, pending: 0, failed: 0, seconds: firstProgress.counts.seconds))
            // A restart 5 minutes later: the live cycles began at `time`, every cycle before it is there.
            let (again, againProgress) = try service(range: 3_600_000)
            try await again.backfill(selectors, at: time + 300_000)
            #expect(againProgress.counts.total == 0)
            // The exposition was refreshed when the first backfill was done, not left to the next live cycle.
            #expect(refreshes.load(ordering: .relaxed) >= 1)
            // A longer range: only the hour before the first one.
            let (longer, longerProgress) = try service(range: 2 * 3_600_000)
            try await longer.backfill(selectors, at: time + 300_000)
            #expect(longerProgress.counts.done == 55)
            let grid = BackfillPlan.grid((time + 300_000 - 2 * 3_600_000)..<time, interval: 60_000)
            let archived = try archive.results.backfillLedger(
                selectors.map(\.description), in: (time - 3 * 3_600_000)...time)
            #expect(archived.backfilled[selectors[0].description] == Set(grid))
        }
    }
}
