import Foundation
import SibylAnalysis
import SibylWire
import Testing

@testable import Sibyl

struct HistogramSeriesTests {
    @Test("a counter histogram gives its rates, mean, quantiles and fractions per window, with the source labels")
    func families() throws {
        // 10 more observations in (1, 2] every 5 s, sum 1.5 each, over 60 s: rates 2/s and 3/s (see
        // HistogramRateTests), mean 1.5, the median √2 (half way into (1, 2] on a log scale), all of it ≤ 2.
        let samples = (1...12).map { step in
            (
                time: Int64(step) * 5000,
                histogram: FloatHistogram(
                    schema: 0, count: Double(step) * 10, sum: Double(step) * 15, positive: [1: Double(step) * 10])
            )
        }
        let labels = [Label("__name__", "rpc_duration_seconds"), Label("job", "api")]
        let builder = HistogramSeries(windows: [60_000, 120_000], quantiles: [0.5], thresholds: [1.5, 2])
        let families = builder.families(for: [(labels, samples)], at: 60_000)
        #expect(families.map(\.name.rawValue) == HistogramFamilies.all.map(\.name))
        func values(_ family: MetricFamily) -> [String: Double] {
            Dictionary(
                uniqueKeysWithValues: family.samples.map { sample in
                    (sample.labels.labels.map { "\($0.name)=\($0.value)" }.joined(separator: ","), sample.value)
                })
        }
        let rate = values(families[0])
        #expect(abs(rate["job=api,metric=rpc_duration_seconds,statistic=count,window=1m"]! - 2) < 1e-12)
        #expect(abs(rate["job=api,metric=rpc_duration_seconds,statistic=sum,window=1m"]! - 3) < 1e-12)
        #expect(rate.count == 4, "both windows: \(rate.keys.sorted())")
        #expect(abs(values(families[1])["job=api,metric=rpc_duration_seconds,window=1m"]! - 1.5) < 1e-12)
        #expect(values(families[2])["job=api,metric=rpc_duration_seconds,quantile=0.5,window=1m"] == 2.0.squareRoot())
        let fraction = values(families[3])
        #expect(fraction["job=api,le=2,metric=rpc_duration_seconds,window=1m"] == 1)
        #expect(abs(fraction["job=api,le=1.5,metric=rpc_duration_seconds,window=1m"]! - log2(1.5)) < 1e-12)
    }

    @Test("a window with one sample gives nothing; the configuration's quantiles and thresholds are read")
    func configuration() throws {
        let one = [(time: Int64(5000), histogram: FloatHistogram(schema: 0, count: 1, sum: 1, positive: [1: 1]))]
        let builder = HistogramSeries(windows: [60_000], quantiles: [0.5], thresholds: [])
        let families = builder.families(for: [([Label("__name__", "h")], one)], at: 60_000)
        #expect(families.count == 4)
        #expect(families.allSatisfy { $0.samples.isEmpty })
        let configuration = try SibylConfiguration(
            yaml: """
                source: {url: 'http://127.0.0.1:9090/api/v1/read'}
                selectors: [up]
                analysis:
                  histograms: {quantiles: [0.99, 0.5], thresholds: [0.3, 0.1]}
                """, file: "h.yml")
        #expect(configuration.analysis.histogramQuantiles == [0.5, 0.99])
        #expect(configuration.analysis.histogramThresholds == [0.1, 0.3])
        #expect(AnalysisConfiguration().histogramQuantiles == [0.5, 0.9, 0.99])
    }
}
