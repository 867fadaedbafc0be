import Sibyl
import SibylAnalysis
import SibylWire
import Testing

struct ObjectiveRatioTests {
    /// A stored series `name{labels}` with `(seconds, value)` samples.
    static func entry(
        _ name: String, _ labels: [(String, String)], _ samples: [(Int64, Double)]
    ) throws -> SeriesStore.Entry {
        var store = SeriesStore(maxSeries: 1)
        let series = TimeSeries(
            labels: ([Label("__name__", name)] + labels.map { Label($0.0, $0.1) }).sorted(),
            samples: samples.map { Sample(timestamp: $0.0 * 1000, value: $0.1) })
        store.ingest(series)
        return try #require(store.entries[series.labels])
    }

    /// The ratio's samples as `(seconds, value)`.
    static func points(_ entry: SeriesStore.Entry) -> [(Int64, Double)] {
        let samples = entry.buffer.samples(endingAt: .max, length: .max)
        return zip(samples.timestamps, samples.values).map { ($0 / 1000, $1) }
    }

    @Test("each series is divided by the divisor with the same labels but the name; the others are skipped")
    func joinsOnAllLabelsButTheName() throws {
        let available = [
            try Self.entry("avail", [("instance", "a"), ("job", "node")], [(10, 2), (20, 3)]),
            try Self.entry("avail", [("instance", "b"), ("job", "node")], [(10, 5)]),
            try Self.entry("avail", [("instance", "c"), ("job", "node")], [(10, 1)]),
            try Self.entry("avail", [("instance", "d"), ("job", "node")], [(10, 1)]),
        ]
        let totals = [
            try Self.entry("total", [("instance", "a"), ("job", "node")], [(10, 8), (20, 6)]),
            try Self.entry("total", [("instance", "b"), ("job", "node")], [(10, 10)]),
            // Only a subset of c's labels: PromQL's a / b matches on every label, so this is no divisor of c.
            try Self.entry("total", [("instance", "c")], [(10, 4)]),
            // Two metric names with d's labels: ambiguous.
            try Self.entry("total", [("instance", "d"), ("job", "node")], [(10, 4)]),
            try Self.entry("size", [("instance", "d"), ("job", "node")], [(10, 2)]),
        ]
        let ratio = ObjectiveRatio(numerators: available, divisors: totals)
        let byInstance = Dictionary(
            uniqueKeysWithValues: ratio.entries.map { entry in
                (entry.labels.first { $0.name == "instance" }?.value ?? "", Self.points(entry))
            })
        #expect(byInstance.keys.sorted() == ["a", "b"])
        #expect(byInstance["a"]?.map(\.1) == [0.25, 0.5])
        #expect(byInstance["b"]?.map(\.1) == [0.5])
        // The ratio keeps the numerator's labels, its metric name included.
        #expect(ratio.entries.allSatisfy { $0.labels.contains(Label("__name__", "avail")) })
        let skipped = Set(
            ratio.skipped.map { ($0.labels.first { $0.name == "instance" }?.value ?? "", $0.reason) }
                .map { "\($0.0):\($0.1.rawValue)" })
        #expect(skipped == ["c:no_divisor", "d:ambiguous_divisor"])
    }

    @Test("a divisor sample is used until a newer one, at most 5 minutes; 0 and missing divisors give no point")
    func alignsOnTheDivisorsLatestSample() throws {
        let numerator = try Self.entry(
            "n", [],
            [(5, 1), (10, 2), (12, 3), (20, 4), (30, 5), (330, 6), (331, 7), (400, 8), (1000, 9)])
        // No divisor before 10 s; 0 at 20 s; nothing between 30 s and 1000 s.
        let divisor = try Self.entry("d", [], [(10, 4), (20, 0), (30, 10), (1000, 3)])
        let ratio = ObjectiveRatio(numerators: [numerator], divisors: [divisor])
        let points = Self.points(try #require(ratio.entries.first))
        // 10 and 12 s: divided by 4; 20 s: divisor 0; 30 s: 10; 330 s: 300 s after the divisor's 30 s sample, still
        // within the lookback; 331 s and 400 s: beyond it; 1000 s: 3.
        #expect(points.map(\.0) == [10, 12, 30, 330, 1000])
        #expect(points.map(\.1) == [0.5, 0.75, 0.5, 0.6, 3])
    }

    @Test("a divisor that ended with a stale marker divides nothing at or after it")
    func staleDivisorEnds() throws {
        let numerator = try Self.entry("n", [], [(10, 2), (20, 4), (30, 6)])
        let divisor = try Self.entry("d", [], [(10, 2), (20, Sample.staleNaN)])
        let ratio = ObjectiveRatio(numerators: [numerator], divisors: [divisor])
        let points = Self.points(try #require(ratio.entries.first))
        #expect(points.map(\.0) == [10])
        #expect(points.map(\.1) == [1])
    }

    @Test("an objective with divide_by judges the ratio and lists the series without a divisor")
    func evaluatorJudgesTheRatio() throws {
        var store = SeriesStore(maxSeries: 10)
        let times = (0..<10).map { 1_000_000 + Int64($0) * 5000 }
        for (instance, available) in [("a", 4.0), ("b", 1.0), ("c", 9.0)] {
            store.ingest(
                TimeSeries(
                    labels: [Label("__name__", "avail"), Label("instance", instance)],
                    samples: times.map { Sample(timestamp: $0, value: available) }))
        }
        for instance in ["a", "b"] {
            store.ingest(
                TimeSeries(
                    labels: [Label("__name__", "total"), Label("instance", instance)],
                    samples: times.map { Sample(timestamp: $0, value: 8) }))
        }
        let forecaster = try ForecastEvaluator(
            configuration: ForecastConfiguration(horizon: PrometheusDuration(milliseconds: 60_000)),
            step: PrometheusDuration(milliseconds: 5_000), window: 3_600_000)
        let evaluator = ObjectiveEvaluator(step: 5_000, forecaster: forecaster)
        let specification = ObjectiveSpecification(
            name: "memory", selector: try SeriesSelector(parsing: "avail"), range: try AllowedRange(min: 0.2, max: nil),
            isRate: false, divisor: try SeriesSelector(parsing: "total"), windows: [3_600_000])
        #expect(specification.judgesDerivedValues)
        let result = evaluator.evaluate(specification, store: store, at: times[9], forecast: { _ in nil })
        let instances = result.series.map { $0.labels.first { $0.name == "instance" }?.value }
        #expect(instances == ["a", "b"])
        // a: 4/8 = 0.5 inside; b: 1/8 = 0.125 below 0.2 in every sample.
        #expect(result.series.map { $0.windows.first?.compliance.samplesOutside } == [0, 10])
        #expect(result.series.last?.windows.first?.compliance.worst?.value == 0.125)
        #expect(result.skipped.map(\.reason) == [.noDivisor])
        #expect(result.skipped.first?.labels.contains(Label("instance", "c")) == true)
    }
}
