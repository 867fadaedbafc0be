import Foundation
import Sibyl
import SibylWire

/// The steady-state evaluation cycle of `sibyl bench --cycle`, without the network.
///
/// The store holds `series` series of `longestWindow` (12 h by default) of 5 s samples; one cycle appends a minute of
/// new samples to each (as an incremental read delivers them), trims and expires, computes the statistics of three
/// windows (1 h / 3 h / 12 h by default) in parallel, and renders the whole exposition. The baseline is one pass
/// decoding and summing every stored value.
struct CycleBenchmark {
    let seriesCount: Int
    /// Whether to print each cycle's phases.
    var printPhases = false
    /// The longest window in milliseconds (12 h by default): the store holds it; the others are a 12th and a quarter.
    var longestWindow: Int64 = 12 * 3_600_000
    var windows: [Int64] { [longestWindow / 12, longestWindow / 4, longestWindow] }
    let step: Int64 = 5000

    /// Runs `cycles` cycles after building the store and prints wall time per cycle and memory per sample.
    func run(cycles: Int) async -> String {
        let start: Int64 = 1_795_000_000_000
        let perSeries = Int(windows[2] / step)
        var store = SeriesStore(maxSeries: seriesCount)
        var random = SystemRandomNumberGenerator()
        for index in 0..<seriesCount {
            let labels = [
                Label("__name__", "bench_metric_\(index % 50)"), Label("instance", "host-\(index / 50)"),
                Label("job", "node"),
            ]
            var value = Double(index)
            let samples = (0..<perSeries).map { position -> Sample in
                value += Double(Int.random(in: 0...20, using: &random))
                return Sample(timestamp: start + Int64(position) * step, value: value)
            }
            store.ingest(TimeSeries(labels: labels, samples: samples))
        }
        let residentBytes = Self.residentBytes()
        let storedSamples = seriesCount * perSeries
        let footprint = store.footprint
        var derived = WindowSeries(windows: windows)
        let clock = ContinuousClock()

        let baselineStart = clock.now
        var checksum = 0.0
        for entry in store.entries.values {
            for value in entry.buffer.samples(endingAt: .max, length: .max).values { checksum += value }
        }
        let baseline = clock.now - baselineStart

        var now = start + Int64(perSeries - 1) * step
        var best = Duration.seconds(1_000_000)
        var bytes = 0
        for _ in 0..<cycles {
            let cycleStart = clock.now
            let newest = now
            now += 60_000
            for key in Array(store.entries.keys) {
                let fresh = (1...12).map { Sample(timestamp: newest + Int64($0) * step, value: Double($0)) }
                store.ingest(TimeSeries(labels: key, samples: fresh))
            }
            let t1 = clock.now
            store.expire(now: now, retention: windows[2])
            let t2 = clock.now
            let statistics = await WindowEvaluator(windows: windows).evaluate(store, at: now)
            let t3 = clock.now
            let families = derived.families(for: statistics)
            let t4 = clock.now
            bytes = ((try? ExpositionWriter().render(families)) ?? []).count
            let t5 = clock.now
            if printPhases {
                print(
                    "ingest \(t1 - cycleStart) expire \(t2 - t1) stats \(t3 - t2) families \(t4 - t3) render \(t5 - t4)"
                )
            }
            best = min(best, clock.now - cycleStart)
        }
        if checksum == 42 { print("") }
        let seconds = { (duration: Duration) in
            Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        }
        return """
            \(seriesCount) series × \(perSeries) samples (\(longestWindow / 3_600_000) h at 5 s) = \(storedSamples) samples held; \
            exposition \(bytes) bytes
            steady-state cycle (append 1 min, trim, 3 windows of statistics on all cores, render): \
            \(String(format: "%.3f", seconds(best))) s (best of \(cycles))
            baseline (one pass summing every stored value): \(String(format: "%.3f", seconds(baseline))) s; \
            cycle = \(String(format: "%.1f", seconds(best) / max(seconds(baseline), 1e-9)))× baseline
            resident memory after loading: \(Self.perSample(residentBytes, storedSamples)) bytes per sample \
            (\(residentBytes / 1_048_576) MiB); series store \(Self.perSample(footprint.bytes, storedSamples)) \
            (\(footprint.bytes / 1_048_576) MiB, sibyl_series_store_bytes), of which XOR chunks \
            \(Self.perSample(footprint.chunkBytes, storedSamples)), Prometheus' encoding of the same samples \
            (120-sample chunks, as its head cuts them); resident = \
            \(String(format: "%.2f", Double(residentBytes) / Double(max(footprint.chunkBytes, 1))))× the XOR bytes

            """
    }

    /// `bytes / samples` with one decimal.
    static func perSample(_ bytes: Int, _ samples: Int) -> String {
        String(format: "%.2f", Double(bytes) / Double(max(samples, 1)))
    }

    /// The process' resident set size in bytes, from /proc/self/statm.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
