import ArgumentParser
import Foundation
import SibylWire

/// `sibyl bench`: throughput of Sibyl's hot paths on one core, as ratios to a baseline measured in the same run.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure decode throughput on one core (XOR chunks, SAMPLES responses) against a memory-copy baseline."
    )

    @Option(help: "Number of synthetic series.")
    var series = 1000

    @Option(help: "Samples per series (720 = 1 h at 5 s).")
    var samples = 720

    @Option(help: "Seconds to spend on each measurement.")
    var seconds = 1.0

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        let data = WireBenchmarkData(series: series, samplesPerSeries: samples)
        var results: [BenchResult] = []
        let baseline = BenchResult.measure("baseline: copy samples", samples: data.sampleCount, seconds: seconds) {
            data.copySamples()
        }
        results.append(baseline)
        results.append(
            BenchResult.measure("XOR chunk decode", samples: data.sampleCount, seconds: seconds) {
                data.decodeChunks()
            })
        results.append(
            BenchResult.measure("streamed response decode", samples: data.sampleCount, seconds: seconds) {
                data.decodeStreamed()
            })
        results.append(
            BenchResult.measure("SAMPLES response decode", samples: data.sampleCount, seconds: seconds) {
                data.decodeSamplesResponse()
            })
        results.append(
            BenchResult.measure("XOR chunk encode", samples: data.sampleCount, seconds: seconds) {
                data.encodeChunks()
            })
        BenchResult.print(results, baseline: baseline, json: json, context: data.description)
    }
}
