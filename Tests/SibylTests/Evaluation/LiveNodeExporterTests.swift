import Foundation
import Logging
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

@Suite(.enabled(if: TestBinaries.runnable(.prometheus, .promtool, .nodeExporter)))
struct LiveNodeExporterTests {
    @Test("a live node exporter scraped every 5 s, cycles every 5 s: later cycles read a small fraction of the first")
    func incrementalReadsOnLiveData() async throws {
        try await NodeExporterFixture.with { exporter in
            // 12 h of history for the exporter's own load series, so the first cycle reads a whole window;
            // the live scrapes then continue the same series in the head.
            let now = wallClockMilliseconds()
            let last = (now / 5000) * 5000 - 10_000
            var samples: [(Int64, Double)] = []
            for index in 0..<8640 {
                let timestamp = last - Int64(8639 - index) * 5000
                samples.append((timestamp, Double((index * 7919) % 400) / 100))
            }
            let history = OpenMetricsHistory(series: [
                OpenMetricsHistory.Series(
                    name: "node_load1", labels: [("instance", exporter.address), ("job", "node")], samples: samples)
            ])
            let target = PrometheusFixture.ScrapeTarget(job: "node", address: exporter.address)
            try await PrometheusFixture.with(history: history, scrapeTargets: [target], scrapeInterval: "5s") {
                prometheus in
                var state = EvaluationState(
                    configuration: .init(
                        selectors: [
                            [LabelMatcher("job", .equal, "node"), LabelMatcher("__name__", .equal, "node_load1")]
                        ],
                        windows: [3_600_000, 3 * 3_600_000, 12 * 3_600_000]))
                let client = RemoteReadClient(
                    configuration: .init(url: prometheus.remoteReadURL, timeout: .seconds(300)))
                var reads: [Int] = []
                for _ in 0..<3 {
                    let before = state.metrics.bytesRead
                    #expect(await state.runCycle(at: wallClockMilliseconds(), client: client) == .succeeded)
                    reads.append(state.metrics.bytesRead - before)
                    try await Task.sleep(for: .seconds(5))
                }
                #expect(state.store.count == 1)
                // Live scrapes continued the pre-filled series.
                #expect(state.store.entries.values.first?.buffer.lastSeen ?? 0 > last)
                #expect(reads[0] > 0)
                for later in reads.dropFirst() {
                    #expect(later * 20 < reads[0], "bytes read per cycle: \(reads)")
                }
            }
        }
    }
}

extension LiveNodeExporterTests {
    @Test("the shipped objectives judge live node exporter series, unviolated here; the ratio is PromQL's a / b")
    func defaultObjectivesOnLiveData() async throws {
        let shipped = try String(
            contentsOf: Fixtures.repository.appendingPathComponent("sibyl.yml"), encoding: .utf8)
        try await NodeExporterFixture.with { exporter in
            let target = PrometheusFixture.ScrapeTarget(job: "node", address: exporter.address)
            try await PrometheusFixture.with(scrapeTargets: [target], scrapeInterval: "1s") { prometheus in
                let configuration = try SibylConfiguration(
                    yaml: shipped.replacingOccurrences(
                        of: "http://127.0.0.1:9090/api/v1/read", with: prometheus.remoteReadURL),
                    file: "sibyl.yml")
                #expect(configuration.objectives.count == 5)
                let directory = try TemporaryDirectory()
                defer { directory.remove() }
                let archive = try Archive(path: directory.file("sibyl.db").path)
                defer { try? archive.close() }
                let registry = try ObjectiveRegistry(
                    declared: configuration.objectives, file: "sibyl.yml", store: archive.objectives,
                    defaultWindows: configuration.evaluation.windows, logger: Logger(label: "test"))
                let board = ExpositionBoard(publisher: ExpositionPublisher())
                let runner = AnalysisRunner(
                    configuration: try AnalysisRunner.Configuration(configuration), board: board,
                    logger: Logger(label: "test"), objectives: { registry.specifications })
                var state = EvaluationState(configuration: EvaluationState.Configuration(configuration))
                let client = RemoteReadClient(
                    configuration: .init(url: prometheus.remoteReadURL, timeout: .seconds(300)))
                // As SibylService reads them: each objective's selector and its divide_by.
                let selectors = registry.current.objectives.flatMap(\.objective.readSelectors).map(\.matchers)
                var text = ""
                // A rate needs two scrapes of each counter; wait for them.
                for _ in 0..<30 {
                    try await Task.sleep(for: .seconds(1))
                    let now = wallClockMilliseconds()
                    #expect(await state.runCycle(at: now, client: client, extraSelectors: selectors) == .succeeded)
                    await runner.runObjectives(state.store, at: now)
                    text = String(decoding: board.publisher?.body ?? [], as: UTF8.self)
                    let judged = registry.current.objectives.allSatisfy { objective in
                        !ExposedSample.find(
                            in: text, "sibyl_slo_violations", ["objective": objective.name, "window": "1h"]
                        )
                        .isEmpty
                    }
                    if judged { break }
                }
                for objective in registry.current.objectives {
                    let series = ExposedSample.find(in: text, "sibyl_slo_series", ["objective": objective.name])
                    #expect((series.first?.value ?? 0) >= 1, "\(objective.name) matches no live series")
                    let violations = ExposedSample.find(
                        in: text, "sibyl_slo_violations", ["objective": objective.name, "window": "1h"])
                    #expect(!violations.isEmpty, "\(objective.name) is not judged")
                    #expect(violations.allSatisfy { $0.labels["job"] == "node" })
                    // The shipped ranges hold on any healthy machine, this one included.
                    #expect(
                        violations.allSatisfy { $0.value == 0 },
                        "\(objective.name) violated: \(violations.map { ($0.labels, $0.value) })")
                }
                try await Self.expectRatioAsPromQL(runner: runner, prometheus: prometheus)
            }
        }
    }

    /// The last value `available_memory` judged equals PromQL's `MemAvailable / MemTotal` at its time.
    static func expectRatioAsPromQL(runner: AnalysisRunner, prometheus: PrometheusFixture) async throws {
        let trace = try #require(runner.latestObjectiveTraces["available_memory"]?.first)
        let time = try #require(trace.timestamps.last)
        let judged = try #require(trace.values.last)
        let queried = try await prometheus.query(
            #"node_memory_MemAvailable_bytes{job="node"} / node_memory_MemTotal_bytes{job="node"}"#, at: time)
        let promql = try #require(queried.first?.points.first?.1)
        #expect(queried.count == 1)
        #expect(judged > 0 && judged < 1)
        expectClose(judged, promql, rtol: 1e-12, "available_memory at \(time)")
    }
}
