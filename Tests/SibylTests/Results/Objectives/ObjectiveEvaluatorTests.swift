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
}
