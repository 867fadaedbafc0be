@testable import SibylCLI
import Testing

struct BenchCommandTests {
    @Test("the benchmark data decodes back to the samples it was built from, in every wire form")
    func dataIsConsistent() {
        let data = WireBenchmarkData(series: 8, samplesPerSeries: 300)
        #expect(data.sampleCount == 2400)
        #expect(data.copySamples() == 2400)
        #expect(data.decodeChunks() == 2400)
        #expect(data.decodeStreamed() == 2400)
        #expect(data.decodeSamplesResponse() == 2400)
        #expect(data.encodeChunks() > 0)
    }

    @Test("a measurement reports a positive rate and at least three repetitions")
    func measurement() {
        let result = BenchResult.measure("count", samples: 1000, seconds: 0.01) { 1000 }
        #expect(result.samplesPerSecond > 0)
        #expect(result.repetitions >= 3)
    }

    @Test("the cycle benchmark loads 12 h per series and reports a cycle, a baseline and memory per sample")
    func cycle() async {
        let text = await CycleBenchmark(seriesCount: 4).run(cycles: 1)
        #expect(text.hasPrefix("4 series × 8640 samples (12 h at 5 s) = 34560 samples held"))
        #expect(text.contains("steady-state cycle"))
        #expect(text.contains("bytes per sample"))
    }
}
