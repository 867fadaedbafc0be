import Sibyl
import SibylAnalysis
import SibylWire
import Testing

struct ObjectiveEvaluatorTests {
    @Test("an objective's selector with a nested repetition picks its series in linear time (RE2)")
    func nestedRepetition() throws {
        let long = String(repeating: "a", count: 1_000)
        var store = SeriesStore(maxSeries: 10)
        for instance in [long, long + "Q", "Q"] {
            store.ingest(
                TimeSeries(
                    labels: [Label("__name__", "up"), Label("instance", instance)],
                    samples: [Sample(timestamp: 1_000, value: 1)]))
        }
        let forecaster = try ForecastEvaluator(
            configuration: ForecastConfiguration(horizon: PrometheusDuration(milliseconds: 60_000)),
            step: PrometheusDuration(milliseconds: 1_000), window: 3_600_000)
        let evaluator = ObjectiveEvaluator(step: 1_000, forecaster: forecaster)
        let specification = ObjectiveSpecification(
            name: "q", selector: try SeriesSelector(parsing: #"up{instance=~"(.*)*Q"}"#),
            range: try AllowedRange(min: 0, max: 1), isRate: false, windows: [3_600_000])
        let selected = evaluator.series(of: specification, in: store).map {
            $0.labels.first { $0.name == "instance" }?.value
        }
        #expect(selected == ["Q", long + "Q"])
    }

    @Test("a series already above max is violated, not predicted to cross max; a rising one inside is predicted")
    func alreadyViolatedIsNotPredicted() throws {
        let now: Int64 = 1_790_000_000_000
        var store = SeriesStore(maxSeries: 10)
        for (instance, start) in [("above", 100.0), ("rising", 70.0)] {
            store.ingest(
                TimeSeries(
                    labels: [Label("__name__", "load"), Label("instance", instance)],
                    samples: (0..<720).map { index in
                        Sample(
                            timestamp: now - Int64(719 - index) * 5_000,
                            value: start + Double(index) / 10 + Double(index % 5) / 100)
                    }))
        }
        let forecaster = try ForecastEvaluator(
            configuration: ForecastConfiguration(), step: PrometheusDuration(milliseconds: 5_000), window: 3_600_000)
        let forecasts = Dictionary(
            uniqueKeysWithValues: store.entries.values.map { ($0.labels, forecaster.evaluate($0, at: now).outcome) })
        let evaluator = ObjectiveEvaluator(step: 5_000, forecaster: forecaster)
        let specification = ObjectiveSpecification(
            name: "load", selector: try SeriesSelector(parsing: "load"), range: try AllowedRange(min: 0, max: 150),
            isRate: false, windows: [3_600_000])
        let result = evaluator.evaluate(specification, store: store, at: now) { forecasts[$0] }
        let byInstance = Dictionary(
            uniqueKeysWithValues: result.series.map { ($0.labels.first { $0.name == "instance" }?.value ?? "", $0) })
        let above = try #require(byInstance["above"]?.predictions.first { $0.violation.bound == .max })
        #expect(above.violation.isPredicted, "the path itself is above max")
        #expect(above.isAlreadyBeyond)
        #expect(!above.isPredicted)
        #expect(above.etaSeconds == nil)
        let rising = try #require(byInstance["rising"]?.predictions.first { $0.violation.bound == .max })
        #expect(!rising.isAlreadyBeyond)
        #expect(rising.isPredicted)
        #expect(rising.etaSeconds != nil)
        let families = ObjectiveSeries().families(for: [result])
        let flags = try #require(families.first { $0.name.description == ObjectiveFamilies.predictedViolation.name })
        #expect(flags.samples.filter { $0.value == 1 }.count == 1, "only the rising series is flagged")
    }
}
