import Testing

@testable import SibylCLI

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
        #expect(data.matchRegex() == 1, "series 7 of 0...7 ends in 7")
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

    @Test("the analysis benchmark times every analysis per length, with statsmodels' figures and the goals")
    func analysis() throws {
        let results = AnalysisBenchmark(lengths: [720], seconds: 0).run()
        #expect(results.map(\.operation) == AnalysisBenchmark.operations.map(\.name))
        for result in results {
            #expect(result.samples == 720)
            #expect(result.milliseconds > 0 && result.baselineMilliseconds > 0)
            #expect(result.repetitions >= 9, "\(result.operation): three repetitions on each of three series")
            #expect(result.seriesMilliseconds.keys.sorted() == ["counter", "cpu", "memory"])
            #expect(result.goalMilliseconds == nil, "goals are set at n = 8640 only")
        }
        let forecast = try #require(results.first { $0.operation.hasPrefix("resample") })
        #expect(forecast.statsmodelsMilliseconds == 88)
        #expect(forecast.speedup == 88 / forecast.milliseconds)
        #expect(forecast.milliseconds == forecast.seriesMilliseconds.values.max(), "the slowest series' median")
        let table = AnalysisBenchmark.render(results, json: false)
        #expect(table.contains("ADF (c, AIC, default maxlag)") && table.contains("baseline"))
        #expect(AnalysisBenchmark.render(results, json: true).contains("\"statsmodelsMilliseconds\" : 88"))
    }

    @Test("the analysis benchmark's series are seeded and every analysis succeeds on them", arguments: [720, 2160])
    func analysisSeries(count: Int) {
        let series = AnalysisBenchmark.series(count: count)
        #expect(series.map(\.name) == ["memory", "counter", "cpu"])
        #expect(AnalysisBenchmark.series(count: count).map(\.values) == series.map(\.values))
        for entry in series {
            #expect(entry.values.count == count && entry.timestamps.count == count)
            for operation in AnalysisBenchmark.operations where !operation.name.hasPrefix("resample") {
                #expect(operation.run(entry.timestamps, entry.values) >= 0, "\(operation.name) on \(entry.name)")
            }
        }
    }
}
