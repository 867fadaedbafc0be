import Foundation

/// One throughput measurement of `sibyl bench`.
struct BenchResult: Codable {
    /// What was measured.
    var name: String
    /// Samples processed per second (best of the repetitions).
    var samplesPerSecond: Double
    /// Repetitions run.
    var repetitions: Int

    /// Runs `work` repeatedly for about `seconds` of CPU time and keeps the fastest repetition.
    ///
    /// Times are the calling thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`), so other processes
    /// competing for the cores slow the run down but do not inflate the figures.
    static func measure(_ name: String, samples: Int, seconds: Double, _ work: () -> Int) -> BenchResult {
        var checksum = work()  // warm-up
        var best = Double.infinity
        var repetitions = 0
        let started = threadCPUSeconds()
        repeat {
            let start = threadCPUSeconds()
            checksum &+= work()
            best = min(best, threadCPUSeconds() - start)
            repetitions += 1
        } while threadCPUSeconds() - started < seconds || repetitions < 3
        if checksum == 42 { Swift.print("") }  // keeps the work observable
        return BenchResult(name: name, samplesPerSecond: Double(samples) / max(best, 1e-9), repetitions: repetitions)
    }

    /// CPU time consumed by the calling thread, in seconds.
    static func threadCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }

    /// Prints the results as a table or JSON, with each result's ratio to the baseline.
    static func print(_ results: [BenchResult], baseline: BenchResult, json: Bool, context: String) {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            if let data = try? encoder.encode(results) { Swift.print(String(decoding: data, as: UTF8.self)) }
            return
        }
        Swift.print(context)
        Swift.print("one thread, CPU time, best of repetitions; ratio = throughput / baseline throughput")
        for result in results {
            let name = result.name.padding(toLength: 28, withPad: " ", startingAt: 0)
            let rate = String(format: "%9.1f M samples/s", result.samplesPerSecond / 1e6)
            let ratio = String(format: "%6.3f× baseline", result.samplesPerSecond / baseline.samplesPerSecond)
            Swift.print("\(name) \(rate)  \(ratio)  (\(result.repetitions) runs)")
        }
    }
}
