import Foundation
import Logging
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

struct AnalysisRunnerTests {
    static func store(at now: Int64) -> SeriesStore {
        var store = SeriesStore(maxSeries: 10)
        for name in ["a", "b"] {
            let samples = (0..<720).map { (index: Int) -> Sample in
                let value: Double = 5 + sin(Double(index) / 3) + Double(index % 5)
                return Sample(timestamp: now - Int64(720 - index) * 5000, value: value)
            }
            store.ingest(TimeSeries(labels: [Label("__name__", name)], samples: samples))
        }
        return store
    }

    static func runner(_ board: ExpositionBoard) throws -> AnalysisRunner {
        let configuration = try SibylConfiguration(
            yaml: "source: {url: 'http://p/api/v1/read'}\nselectors: [a]\nforecast: {selectors: [b]}\n", file: "t.yml")
        return AnalysisRunner(
            configuration: try AnalysisRunner.Configuration(configuration), board: board,
            logger: Logger(label: "test"))
    }

    /// Waits until the board has recorded `count` runs of `analysis`: up to 6,000 checks, five minutes on an idle
    /// machine, because in the parallel suite the background analyses wait for cores behind CPU-bound tests (30 s
    /// was not always enough there).
    static func waitForRuns(_ board: ExpositionBoard, _ analysis: String, _ count: Int) async throws {
        for _ in 0..<6000 {
            if board.analysisMetrics.runs[analysis, default: 0] >= count { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw FixtureError("\(analysis) did not run \(count) times")
    }

    static func waitUntilIdle(_ runner: AnalysisRunner) async throws {
        for _ in 0..<6000 {
            if runner.isIdle { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw FixtureError("the analyses did not finish")
    }

    @Test("metadata runs every metadata_interval and forecasts every forecast.interval, with half a cycle of slack")
    func cadence() async throws {
        let board = ExpositionBoard(publisher: ExpositionPublisher())
        let runner = try Self.runner(board)
        let start: Int64 = 1_800_000_000_000
        var expected = (metadata: 0, forecast: 0)
        // Cycles a minute apart, each a little early (jitter): metadata at 0 and 5 min, forecasts every cycle.
        for minute in 0...6 {
            let time = start + Int64(minute) * 60_000 - (minute > 0 ? 2_000 : 0)
            runner.cycleSucceeded(Self.store(at: time), at: time)
            expected.forecast += 1
            if minute == 0 || minute == 5 { expected.metadata += 1 }
            try await Self.waitForRuns(board, "forecast", expected.forecast)
            try await Self.waitForRuns(board, "objectives", expected.forecast)
            try await Self.waitForRuns(board, "metadata", expected.metadata)
            // A run publishes its results before it ends: the next cycle must not find it still running (it would
            // be skipped, as a busy run is in production, and the counts would fall behind).
            try await Self.waitUntilIdle(runner)
        }
        let metrics = board.analysisMetrics
        #expect(metrics.runs == ["metadata": 2, "forecast": 7, "objectives": 7], "objectives after each forecast run")
        #expect(metrics.series["forecast"] == 1, "only the selected series b")
        #expect(metrics.series["metadata"] == 2)
        #expect(runner.latestForecasts.map(\.labels) == [[Label("__name__", "b")]])
        let body = String(decoding: board.publisher?.body ?? [], as: UTF8.self)
        #expect(body.contains("sibyl_forecast_avg{horizon=\"10m\",metric=\"b\"}"))
        #expect(body.contains("sibyl_adf_statistic{metric=\"a\"}"))
    }
}
