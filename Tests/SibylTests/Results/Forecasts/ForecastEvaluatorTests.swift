import Foundation
import Sibyl
import SibylAnalysis
import SibylWire
import Testing

/// `forecast.min_history`: a series is forecast only once its samples cover it, and is skipped as `too_short` with
/// the history it has and needs until then.
struct ForecastEvaluatorTests {
    static let step = PrometheusDuration(milliseconds: 5_000)
    static let hour: Int64 = 3_600_000

    /// A load-like series of `minutes` of samples every `interval` milliseconds (5 s by default) ending at `now`,
    /// the even ones `jitter` ms late (the first of an even count among them, so that the span is short of whole
    /// intervals).
    static func entry(minutes: Int, now: Int64, interval: Int64 = 5_000, jitter: Int64 = 0) -> SeriesStore.Entry {
        let count = Int(Int64(minutes) * 60_000 / interval)
        let samples = (0..<count).map { (index: Int) -> Sample in
            let wave: Double = sin(Double(index) / 7) + Double(index % 5) / 10
            let late = index % 2 == 0 ? jitter : 0
            return Sample(timestamp: now - Int64(count - 1 - index) * interval + late, value: 1.5 + wave)
        }
        var store = SeriesStore(maxSeries: 1)
        store.ingest(TimeSeries(labels: [Label("__name__", "node_load1")], samples: samples))
        return store.entries.values.first!
    }

    static func evaluator(_ configuration: ForecastConfiguration = ForecastConfiguration()) throws -> ForecastEvaluator
    {
        try ForecastEvaluator(configuration: configuration, step: step, window: hour)
    }

    @Test("10 minutes of history against the default 30m: skipped as too_short, saying how much it has and needs")
    func shortHistoryIsSkipped() throws {
        let now: Int64 = 1_790_000_000_000
        let evaluator = try Self.evaluator()
        #expect(evaluator.minimumHistory == 1_800_000)
        let result = evaluator.evaluate(Self.entry(minutes: 10, now: now), at: now)
        guard case .failure(let error) = result.outcome else {
            Issue.record("a forecast over 10 minutes was published")
            return
        }
        #expect(error.shortDescription == "too_short")
        #expect(error.message == "10m of history, needs 30m")
    }

    @Test("from min_history on the series is forecast; min_history 0s forecasts as soon as the fit can")
    func enoughHistoryIsForecast() throws {
        let now: Int64 = 1_790_000_000_000
        let evaluator = try Self.evaluator()
        let result = evaluator.evaluate(Self.entry(minutes: 30, now: now), at: now)
        #expect((try? result.outcome.get()) != nil, "\(result.outcome)")
        let eager = try Self.evaluator(ForecastConfiguration(minHistory: PrometheusDuration(milliseconds: 0)))
        #expect((try? eager.evaluate(Self.entry(minutes: 10, now: now), at: now).outcome.get()) != nil)
    }

    @Test("a window full of 15 s scrapes, with jitter, covers the window: min_history equal to it is met")
    func fullWindowOfSlowerScrapes() throws {
        let now: Int64 = 1_790_000_000_000
        let halfHour = PrometheusDuration(milliseconds: 1_800_000)
        let evaluator = try ForecastEvaluator(
            configuration: ForecastConfiguration(minHistory: halfHour), step: Self.step, window: 1_800_000)
        let full = evaluator.evaluate(Self.entry(minutes: 30, now: now, interval: 15_000, jitter: 7), at: now)
        #expect((try? full.outcome.get()) != nil, "\(full.outcome)")
        let short = evaluator.evaluate(Self.entry(minutes: 29, now: now, interval: 15_000), at: now)
        guard case .failure(let error) = short.outcome else {
            Issue.record("29 minutes met a min_history of 30m")
            return
        }
        #expect(error.message == "29m of history, needs 30m")
    }
}
