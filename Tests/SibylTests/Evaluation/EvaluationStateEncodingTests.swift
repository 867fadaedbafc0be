import SibylAnalysis
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

/// A Prometheus 3 answer mixing chunk encodings: the float series are analysed, the histogram series kept apart, the
/// series Sibyl cannot decode dropped and counted, and the cycle succeeds.
struct EvaluationStateEncodingTests {
    typealias Mixed = MixedEncodingResponse

    /// The values of `name` in `families` whose labels contain `fragment`, by label text.
    static func values(_ families: [MetricFamily], _ name: String, _ fragment: String) -> [Double] {
        families.filter { $0.name.description == name }.flatMap(\.samples)
            .filter { $0.labels.description.contains(fragment) }.map(\.value)
    }

    @Test("XOR, XOR2, HISTOGRAM, encoding 9 and a corrupt chunk for one selector: the cycle succeeds")
    func mixedEncodings() async throws {
        try await EvaluationStateDropTests.withSource(try Mixed.body()) { url in
            var state = EvaluationState(
                configuration: .init(selectors: [[LabelMatcher("job", .equal, "mixed")]], windows: [300_000]))
            let before = try ExpositionWriter().renderString(state.metrics.families())
            for reason in ["unsupported_encoding", "corrupt_chunk"] {
                #expect(before.contains("sibyl_series_dropped_total{reason=\"\(reason)\"} 0\n"), "\(reason)")
            }
            let client = RemoteReadClient(configuration: .init(url: url))
            #expect(await state.runCycle(at: Mixed.time, client: client) == .succeeded)
            #expect(state.metrics.sourceUp)
            #expect(state.metrics.dropped["unsupported_encoding"] == 1)
            #expect(state.metrics.dropped["corrupt_chunk"] == 1)
            #expect(Set(state.newUndecodable.map(\.reason)) == [.unsupportedEncoding, .corruptChunk])
            // Float series only in the store; the histogram series apart.
            #expect(Set(state.store.entries.keys) == [Mixed.labels("mixed_xor"), Mixed.labels("mixed_xor2")])
            #expect(state.histograms.series == [Mixed.labels("mixed_histogram"): try Mixed.histogram().samples])
            let families = state.derivedFamilies
            for (name, samples) in [("mixed_xor", Mixed.xorSamples), ("mixed_xor2", Mixed.xor2Samples)] {
                let values = samples.map(\.value)
                let fragment = "metric=\"\(name)\""
                #expect(Self.values(families, "sibyl_window_samples", fragment) == [Double(values.count)], "\(name)")
                #expect(Self.values(families, "sibyl_window_min", fragment) == [values.min()!], "\(name)")
                #expect(Self.values(families, "sibyl_window_max", fragment) == [values.max()!], "\(name)")
                let average = values.reduce(0, +) / Double(values.count)
                let got = Self.values(families, "sibyl_window_avg", fragment)
                #expect(got.count == 1 && abs(got[0] - average) <= 1e-12 * abs(average), "\(name)")
            }
            #expect(Self.values(families, "sibyl_window_samples", "mixed_histogram").isEmpty)
            // The histogram series gets the sibyl_histogram_* families, from its decoded samples.
            let histogramSamples = try Mixed.histogram().samples.filter { !$0.isStaleMarker }.map {
                (time: $0.timestamp, histogram: FloatHistogram($0.histogram))
            }
            let rate = try #require(HistogramRate.rate(histogramSamples, end: Mixed.time, range: 300_000))
            #expect(Self.values(families, "sibyl_histogram_rate", "statistic=\"count\"") == [rate.count])
            #expect(Self.values(families, "sibyl_histogram_rate", "statistic=\"sum\"") == [rate.sum])
            #expect(Self.values(families, "sibyl_histogram_quantile", "mixed_histogram").count == 3)
            let exposition = try state.render()
            let text = String(decoding: exposition, as: UTF8.self)
            #expect(text.contains("sibyl_series_dropped_total{reason=\"unsupported_encoding\"} 1\n"))
            #expect(text.contains("sibyl_series_dropped_total{reason=\"corrupt_chunk\"} 1\n"))

            // The next cycle reads the same answer: counted again, logged once.
            #expect(await state.runCycle(at: Mixed.time + 1000, client: client) == .succeeded)
            #expect(state.metrics.dropped["unsupported_encoding"] == 2)
            #expect(state.newUndecodable.isEmpty)
        }
    }
}
