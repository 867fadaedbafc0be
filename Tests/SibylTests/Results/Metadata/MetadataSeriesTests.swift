import Foundation
import Sibyl
import SibylAnalysis
import SibylWire
import Testing

struct MetadataSeriesTests {
    static func entry(_ labels: [Label], _ value: (Int) -> Double, count: Int = 720) throws -> SeriesStore.Entry {
        var store = SeriesStore(maxSeries: 10)
        store.ingest(
            TimeSeries(
                labels: labels, samples: (0..<count).map { Sample(timestamp: Int64($0 + 1) * 5000, value: value($0)) }))
        return try #require(store.entries[labels])
    }

    static let evaluator = MetadataEvaluator(configuration: AnalysisConfiguration(), window: 43_200_000)

    @Test("one series gives every family with the source labels; a colliding source label becomes exported_*")
    func families() throws {
        let labels = [Label("__name__", "m"), Label("level", "warn")]
        let entry = try Self.entry(labels) { 10 + sin(Double($0) * 0.7) + Double(($0 * 7919) % 11) / 10 }
        let result = Self.evaluator.evaluate(entry, at: 720 * 5000)
        let metadata = try #require(result.metadata)
        let adf = try metadata.stationarity.get()
        let families = MetadataSeries(alpha: 0.05, exportedLags: 3).families(for: [result])
        func samples(_ name: String) -> [(String, Double)] {
            families.first { $0.name.description == name }?.samples.map { ($0.labels.description, $0.value) } ?? []
        }
        #expect(samples("sibyl_adf_statistic").map(\.0) == ["{exported_level=\"warn\",metric=\"m\"}"])
        #expect(samples("sibyl_adf_statistic").map(\.1) == [adf.statistic])
        #expect(samples("sibyl_adf_pvalue").map(\.1) == [adf.pValue])
        #expect(samples("sibyl_stationary").map(\.1) == [adf.pValue < 0.05 ? 1 : 0])
        #expect(
            samples("sibyl_adf_critical_value").map(\.0) == [
                "{exported_level=\"warn\",level=\"1%\",metric=\"m\"}",
                "{exported_level=\"warn\",level=\"5%\",metric=\"m\"}",
                "{exported_level=\"warn\",level=\"10%\",metric=\"m\"}",
            ])
        let acf = try metadata.autocorrelation.get()
        #expect(samples("sibyl_acf").map(\.1) == Array(acf.values[1...3]))
        let seasonal = try metadata.seasonality.get()
        #expect(samples("sibyl_seasonal_component").map(\.1) == seasonal.decomposition.seasonalCycle)
        #expect(samples("sibyl_seasonal_component").count == 5)
        #expect(samples("sibyl_seasonal_strength").count == 1)
    }

    @Test("a constant series has ACF and seasonality failures but no ADF; an all-zero one has nothing")
    func skips() throws {
        let constant = Self.evaluator.evaluate(try Self.entry([Label("__name__", "c")]) { _ in 3 }, at: 720 * 5000)
        let zero = Self.evaluator.evaluate(try Self.entry([Label("__name__", "z")]) { _ in 0 }, at: 720 * 5000)
        #expect(zero.metadata == nil && zero.skipReason == "all_zero")
        let empty = Self.evaluator.evaluate(try Self.entry([Label("__name__", "e")]) { _ in 1 }, at: 1)
        #expect(empty.skipReason == "no_samples")
        let families = MetadataSeries(alpha: 0.05, exportedLags: 10).families(for: [constant, zero, empty])
        let names = Set(families.filter { !$0.samples.isEmpty }.map(\.name.description))
        #expect(!names.contains("sibyl_adf_statistic"))
        #expect(!names.contains("sibyl_acf"), "the ACF of a constant series is undefined")
        let labelled = families.flatMap(\.samples).map(\.labels.description)
        #expect(!labelled.contains { $0.contains("metric=\"z\"") || $0.contains("metric=\"e\"") })
    }

    @Test("fewer lags than exported: only the lags that exist")
    func shortSeries() throws {
        let result = Self.evaluator.evaluate(
            try Self.entry([Label("__name__", "s")], { Double($0 % 4) + Double($0) / 7 }, count: 12), at: 60_000)
        let families = MetadataSeries(alpha: 0.05, exportedLags: 50).families(for: [result])
        let acf = families.first { $0.name.description == "sibyl_acf" }?.samples.count
        #expect(acf == Autocorrelation.defaultLagCount(forLength: 12), "statsmodels: min(10·log10(n), n − 1) lags")
    }
}
