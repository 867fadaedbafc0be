import ArgumentParser
import Foundation
import SibylWire

/// `sibyl bench`: throughput of Sibyl's hot paths on one core, as ratios to a baseline measured in the same run.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure decode throughput on one core against a memory-copy baseline, the evaluation cycle "
            + "(--cycle), the per-series analyses (--analysis), remote read over the archive (--remote-read), or forecast accuracy (--forecasts)."
    )

    @Option(help: "Number of synthetic series.")
    var series = 1000

    @Option(help: "Samples per series (720 = 1 h at 5 s).")
    var samples = 720

    @Option(help: "Seconds to spend on each measurement.")
    var seconds = 1.0

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(help: "Measure the steady-state evaluation cycle instead (use --series 10000).")
    var cycle = false

    @Option(help: "Cycles to run with --cycle, or to archive with --remote-read.")
    var cycles = 3

    @Option(
        help: "With --cycle, the longest window in hours (the store holds it; the others are a 12th and a quarter).")
    var windowHours = 12

    @Flag(help: "With --cycle, print the time of each phase of each cycle.")
    var phases = false

    @Flag(help: "Measure the per-series analyses at 1 h, 3 h and 12 h of 5 s samples instead (--seconds per figure).")
    var analysis = false

    @Flag(
        help: ArgumentHelp(
            "Score Sibyl's forecasts out of sample against the fixed Holt-Winters (season 5) and the seasonal naive "
                + "forecast on the series of --forecast-data instead."))
    var forecasts = false

    @Option(help: "With --forecasts, the data file (gzipped JSON, see scripts/forecast-accuracy-data.py).")
    var forecastData = "Tests/Fixtures/forecast-accuracy/series.json.gz"

    @Flag(help: "Measure POST /api/v1/read over a temporary archive of --cycles cycles × --series series instead.")
    var remoteRead = false

    @Option(
        help: ArgumentHelp(
            "Measure the series store against this real remote-read endpoint instead: Prometheus' streamed bytes and "
                + "serve time for the window, the first load, then --cycles one-minute cycles (scripts/bench-source.sh).",
            valueName: "url"))
    var source: String?

    @Option(help: "With --source, the series to read.")
    var selector = "{job=\"node\"}"

    @Option(help: "With --source, the evaluation time of the first load (Unix seconds or RFC 3339; default now).")
    var at: String?

    func run() async throws {
        if let source {
            guard windowHours >= 1 else { throw ValidationError("--window-hours: at least 1, got \(windowHours)") }
            let matchers: [LabelMatcher]
            do {
                matchers = try SeriesSelector(parsing: selector).matchers
            } catch {
                throw ValidationError("--selector: \(error)")
            }
            let time = try at.map(TimeArgument.milliseconds(parsing:)) ?? Int64(Date().timeIntervalSince1970 * 1000)
            let benchmark = SourceBenchmark(
                url: source, selector: matchers, at: time,
                longestWindow: Int64(windowHours) * 3_600_000, cycles: cycles)
            print(try await benchmark.run(), terminator: "")
            return
        }
        if cycle {
            guard windowHours >= 1 else { throw ValidationError("--window-hours: at least 1, got \(windowHours)") }
            let benchmark = CycleBenchmark(
                seriesCount: series, printPhases: phases, longestWindow: Int64(windowHours) * 3_600_000)
            print(await benchmark.run(cycles: cycles), terminator: "")
            return
        }
        if remoteRead {
            print(try await RemoteReadBenchmark(cycles: cycles, seriesCount: series).run(), terminator: "")
            return
        }
        if forecasts {
            let report = try ForecastAccuracyBenchmark(file: forecastData).run()
            print(ForecastAccuracyBenchmark.render(report, json: json), terminator: "")
            return
        }
        if analysis {
            let results = AnalysisBenchmark(seconds: seconds).run()
            print(AnalysisBenchmark.render(results, json: json), terminator: "")
            return
        }
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
            BenchResult.measure("XOR2 chunk decode", samples: data.sampleCount, seconds: seconds) {
                data.decodeXOR2Chunks()
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
        results.append(
            BenchResult.measure("regex match, 1 series = 1 sample", samples: data.series.count, seconds: seconds) {
                data.matchRegex()
            })
        BenchResult.print(results, baseline: baseline, json: json, context: data.description)
    }
}
