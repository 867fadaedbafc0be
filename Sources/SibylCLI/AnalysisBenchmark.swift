import Foundation
import SibylAnalysis
import Synchronization

/// `sibyl bench --analysis`: per-call CPU time of the per-series analyses at 1 h, 3 h and 12 h of 5 s samples,
/// next to the statsmodels figures of the first system and to a baseline measured in the same process.
///
/// Each operation runs on three seeded, realistic series (a memory-like gauge: a random walk of 4 KiB pages
/// with a daily sine; a packet counter with bursts; a cpu-like percentage with a 1-minute cycle). A figure is
/// the median over repetitions of the time per call on the slowest of the three series; calls shorter than
/// about half a millisecond are timed in batches. The baseline is one pass summing the n values, so figures can be
/// compared across machines as multiples of it.
struct AnalysisBenchmark {
    /// One operation at one length.
    struct Measurement: Codable {
        /// What was measured.
        var operation: String
        /// n, the number of 5 s samples per series.
        var samples: Int
        /// Median CPU time per call in milliseconds on the slowest series.
        var milliseconds: Double
        /// Median per series, in milliseconds, by series name.
        var seriesMilliseconds: [String: Double]
        /// The baseline's time per call at this n, in milliseconds.
        var baselineMilliseconds: Double
        /// statsmodels' time per call from the issue, in milliseconds, where one is given.
        var statsmodelsMilliseconds: Double?
        /// `statsmodelsMilliseconds / milliseconds`.
        var speedup: Double?
        /// The project's goal at n = 8640, in milliseconds, where one is set.
        var goalMilliseconds: Double?
        /// Timed repetitions, over all series.
        var repetitions: Int
    }

    /// One analysis as the service runs it.
    struct Operation: Sendable {
        /// The row's label.
        var name: String
        /// statsmodels' figures by n (the issue's measurements).
        var statsmodels: [Int: Double]
        /// The goal at n = 8640, if any.
        var goal: Double?
        /// Runs the analysis once on a series; returns a small result so that the work is observable.
        var run: @Sendable (_ timestamps: [Int64], _ values: [Double]) -> Int
    }

    /// A seeded test series.
    struct Series {
        var name: String
        var timestamps: [Int64]
        var values: [Double]
    }

    /// The choice each series' first "model kept" run made, reused by the runs after it (as the service keeps a
    /// series' choice for `forecast.model_interval`), keyed by n and the first value.
    static let keptChoices = Mutex<[String: ForecastModelChoice]>([:])

    /// The series lengths measured (1 h, 3 h and 12 h of 5 s samples by default).
    var lengths = [720, 2160, 8640]
    /// CPU seconds to spend on each operation at each length, shared by the three series.
    var seconds = 1.0

    /// The operations, in the order of the table.
    static let operations: [Operation] = [
        Operation(name: "ADF (c, AIC, default maxlag)", statsmodels: [720: 6.8, 2160: 24.5, 8640: 188], goal: 2) {
            _, values in (try? AugmentedDickeyFuller(values))?.usedLag ?? -1
        },
        Operation(name: "ACF (default lags)", statsmodels: [720: 0.13, 2160: 0.23, 8640: 0.55], goal: 0.1) {
            _, values in (try? Autocorrelation(values))?.values.count ?? -1
        },
        Operation(
            name: "decomposition, every 60th, period 5", statsmodels: [720: 0.2, 2160: 0.2, 8640: 0.2], goal: 0.1
        ) { _, values in
            let strided = stride(from: 0, to: values.count, by: 60).map { values[$0] }
            return (try? SeasonalDecomposition(strided, period: 5))?.seasonalCycle.count ?? -1
        },
        Operation(name: "decomposition, full, period 5", statsmodels: [720: 0.3, 2160: 0.3, 8640: 0.3], goal: 0.1) {
            _, values in (try? SeasonalDecomposition(values, period: 5))?.seasonalCycle.count ?? -1
        },
        Operation(
            name: "resample + Holt-Winters fit + forecast", statsmodels: [720: 88, 2160: 212, 8640: 807], goal: 8
        ) { timestamps, values in
            guard let resampler = try? LinearResampler(),
                let output = try? ForecastPipeline(resampler: resampler).run(timestamps: timestamps, values: values)
            else { return -1 }
            return output.resampled.values.count
        },
        Operation(
            name: "forecast step, model due: season, validation, fit, forecast", statsmodels: [:], goal: nil
        ) { timestamps, values in
            guard let resampler = try? LinearResampler(),
                let output = try? ForecastPipeline(resampler: resampler, season: .automatic, model: nil)
                    .run(timestamps: timestamps, values: values)
            else { return -1 }
            return output.resampled.values.count
        },
        Operation(name: "forecast step, model kept: initial states, forecast", statsmodels: [:], goal: nil) {
            timestamps, values in
            guard let resampler = try? LinearResampler() else { return -1 }
            let pipeline = ForecastPipeline(resampler: resampler, season: .automatic, model: nil)
            let key = "\(values.count) \(values.first ?? 0)"
            let choice = keptChoices.withLock { $0[key] }
            let kept = try? pipeline.run(timestamps: timestamps, values: values, keeping: choice)
            if choice == nil, let kept { keptChoices.withLock { $0[key] = kept.choice } }
            return kept?.resampled.values.count ?? -1
        },
        Operation(name: "SeriesMetadata (stats, ADF, ACF, decomposition)", statsmodels: [:], goal: nil) {
            timestamps, values in SeriesMetadata(timestamps: timestamps, values: values)?.windows.count ?? -1
        },
    ]

    /// Runs every operation at every length.
    func run() -> [Measurement] {
        var results: [Measurement] = []
        for length in lengths {
            let series = Self.series(count: length)
            let baseline = Self.time(series: series, seconds: seconds) { _, values in
                var sum = 0.0
                for value in values { sum += value }
                return sum == 42 ? 1 : 0
            }
            for operation in Self.operations {
                let timing = Self.time(series: series, seconds: seconds, operation.run)
                let reference = operation.statsmodels[length]
                let slowest = (timing.perSeries.values.max() ?? .nan) * 1e3
                results.append(
                    Measurement(
                        operation: operation.name, samples: length, milliseconds: slowest,
                        seriesMilliseconds: timing.perSeries.mapValues { $0 * 1e3 },
                        baselineMilliseconds: baseline.median * 1e3, statsmodelsMilliseconds: reference,
                        speedup: reference.map { $0 / slowest },
                        goalMilliseconds: length == 8640 ? operation.goal : nil, repetitions: timing.repetitions))
            }
        }
        return results
    }

    /// Renders results as a table, or as JSON.
    static func render(_ results: [Measurement], json: Bool) -> String {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            guard let data = try? encoder.encode(results) else { return "[]\n" }
            return String(decoding: data, as: UTF8.self) + "\n"
        }
        var lines = [
            "per call, one thread, CPU time: median over repetitions, on the slowest of 3 seeded series",
            "(memory-like, counter-like, cpu-like) of n 5 s samples; × baseline = time / one pass summing the",
            "n values in the same process; statsmodels = the first system's figures from the issue",
            "(decomposition: 0.2–0.3 ms, compared with 0.2)",
            "",
            "operation".padding(toLength: 48, withPad: " ", startingAt: 0)
                + "     n    Sibyl ms  × baseline  statsmodels ms  speed-up  goal",
        ]
        for result in results {
            let name = result.operation.padding(toLength: 48, withPad: " ", startingAt: 0)
            let reference = result.statsmodelsMilliseconds.map { String(format: "%14.2f", $0) } ?? "             —"
            let speedup = result.speedup.map { String(format: "%8.1f×", $0) } ?? "        —"
            var goal = ""
            if let target = result.goalMilliseconds {
                goal = String(format: "≤ %g ms %@", target, result.milliseconds <= target ? "met" : "not met")
            }
            let ratio = result.milliseconds / max(result.baselineMilliseconds, 1e-12)
            var line =
                name
                + String(
                    format: ratio < 10 ? "%6d  %10.3f  %9.1f×  " : "%6d  %10.3f  %9.0f×  ", result.samples,
                    result.milliseconds, ratio)
                + reference + "  " + speedup + "  " + goal
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        if let first = results.first {
            lines.append("")
            lines.append(
                "baseline (one pass summing the n values): "
                    + results.filter { $0.operation == first.operation }.map {
                        String(format: "%.2f µs at n = %d", $0.baselineMilliseconds * 1e3, $0.samples)
                    }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Median time per call over repetitions, pooled over all `series` and per series, spending about `seconds`
    /// of CPU.
    static func time(
        series: [Series], seconds: Double, _ work: ([Int64], [Double]) -> Int
    ) -> (median: Double, perSeries: [String: Double], repetitions: Int) {
        var pooled: [Double] = []
        var perSeries: [String: Double] = [:]
        var checksum = 0
        for entry in series {
            let started = BenchResult.threadCPUSeconds()
            checksum &+= work(opaque(entry.timestamps), opaque(entry.values))  // warm-up, and the batch size
            let single = BenchResult.threadCPUSeconds() - started
            let batch = max(1, Int(5e-4 / max(single, 1e-9)))
            var samples: [Double] = []
            let budget = seconds / Double(series.count)
            let begin = BenchResult.threadCPUSeconds()
            repeat {
                let start = BenchResult.threadCPUSeconds()
                for _ in 0..<batch { checksum &+= work(opaque(entry.timestamps), opaque(entry.values)) }
                samples.append((BenchResult.threadCPUSeconds() - start) / Double(batch))
            } while BenchResult.threadCPUSeconds() - begin < budget || samples.count < 3
            perSeries[entry.name] = median(samples)
            pooled += samples
        }
        if checksum == 42 { print("") }  // keeps the work observable
        return (median(pooled), perSeries, pooled.count)
    }

    /// Returns `value` through a call the optimiser cannot see into, so that repeated calls of a pure
    /// analysis on the same series are not folded into one.
    @inline(never) @_optimize(none)
    static func opaque<T>(_ value: T) -> T { value }

    /// The median of `values` (NaN when empty).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The three seeded series of `count` 5 s samples.
    static func series(count: Int) -> [Series] {
        let start: Int64 = 1_795_000_000_000
        let timestamps = (0..<count).map { start + 5000 * Int64($0) }
        var random = SplitMix64(seed: 0x5EED)
        // Memory: ≈2.1 GB moving in 4 KiB pages, a random walk plus a daily sine (17,280 steps per day).
        var pages = 512_000.0
        let memory = (0..<count).map { index -> Double in
            pages += (random.normal() * 30).rounded()
            let daily = 25_000 * sin(2 * Double.pi * Double(index) / 17_280)
            return 4096 * (pages + daily.rounded())
        }
        // Counter: ≈1.23e9 packets, about 1,000 per scrape with bursts of ten times that.
        var packets = 1.23e9
        let counter = (0..<count).map { _ -> Double in
            let burst = random.uniform() < 0.01 ? 10.0 : 1.0
            packets += (burst * (1000 + 100 * random.normal())).rounded()
            return packets
        }
        // CPU: a percentage with a 12-sample (1 minute) cycle and noise, to 0.1 %.
        let cpu = (0..<count).map { index -> Double in
            let value = 40 + 15 * sin(2 * Double.pi * Double(index) / 12) + 3 * random.normal()
            return (min(max(value, 0), 100) * 10).rounded() / 10
        }
        return [
            Series(name: "memory", timestamps: timestamps, values: memory),
            Series(name: "counter", timestamps: timestamps, values: counter),
            Series(name: "cpu", timestamps: timestamps, values: cpu),
        ]
    }

    /// A small seeded generator (SplitMix64), so every run measures the same series.
    struct SplitMix64 {
        var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// Uniform in [0, 1).
        mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

        /// Standard normal (Box–Muller).
        mutating func normal() -> Double {
            let u = max(uniform(), 0x1.0p-53)
            return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * uniform())
        }
    }
}
