import Sibyl
import SibylWire
import Testing

struct DerivedSeriesTests {
    static func statistics(_ labels: [Label], values: [Double]) -> SeriesStatistics {
        var buffer = SeriesBuffer()
        buffer.append(values.enumerated().map { Sample(timestamp: Int64($0.offset + 1) * 5000, value: $0.element) })
        return SeriesStatistics(
            labels: labels, buffer: buffer, now: Int64(values.count) * 5000, windows: [60_000, 3_600_000])
    }

    @Test("samples come out in the exposition's label order, also when a label sorts after window")
    func order() throws {
        var derived = WindowSeries(windows: [60_000, 3_600_000])
        let input = [
            Self.statistics([Label("__name__", "m"), Label("zone", "b")], values: [1, 2, 3]),
            Self.statistics([Label("__name__", "m"), Label("zone", "a")], values: [4, 5]),
        ]
        let families = derived.families(for: input)
        for family in families {
            let labels = family.samples.map(\.labels)
            #expect(zip(labels, labels.dropFirst()).allSatisfy { $0 < $1 }, "\(family.name)")
        }
        let max = try #require(families.first { $0.name.description == "sibyl_window_max" })
        #expect(
            max.samples.map(\.labels.description) == [
                "{metric=\"m\",window=\"1h\",zone=\"a\"}", "{metric=\"m\",window=\"1h\",zone=\"b\"}",
                "{metric=\"m\",window=\"1m\",zone=\"a\"}", "{metric=\"m\",window=\"1m\",zone=\"b\"}",
            ])
        #expect(max.samples.map(\.value) == [5, 3, 5, 3])
        // The same series again reuse the cached order and give the same output.
        #expect(derived.families(for: input).map(\.samples.count) == families.map(\.samples.count))
    }

    @Test("source labels named metric or window are kept as exported_*; stddev needs two samples")
    func collisions() throws {
        var derived = WindowSeries(windows: [60_000])
        let families = derived.families(for: [
            Self.statistics([Label("__name__", "m"), Label("metric", "x"), Label("window", "y")], values: [7])
        ])
        let samples = try #require(families.first { $0.name.description == "sibyl_window_samples" })
        #expect(
            samples.samples.first?.labels.description
                == "{exported_metric=\"x\",exported_window=\"y\",metric=\"m\",window=\"1m\"}")
        #expect(families.first { $0.name.description == "sibyl_window_stddev" }?.samples.isEmpty == true)
    }
}
