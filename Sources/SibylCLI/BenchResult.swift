import Foundation

/// One throughput measurement of `sibyl bench`.
struct BenchResult: Codable {
    /// What was measured.
    var name: String
    /// Samples processed per second (best of the repetitions).
    var samplesPerSecond: Double
    /// Repetitions run.
    var repetitions: Int

    /// Runs `work` repeatedly for about `seconds` and keeps the fastest repetition.
    static func measure(_ name: String, samples: Int, seconds: Double, _ work: () -> Int) -> BenchResult {
        let clock = ContinuousClock()
        var checksum = work()  // warm-up
        var best = Duration.seconds(1_000_000)
        var repetitions = 0
        let budget = Duration.milliseconds(Int64(seconds * 1000))
        let started = clock.now
        repeat {
            let start = clock.now
            checksum &+= work()
            best = min(best, clock.now - start)
            repetitions += 1
        } while clock.now - started < budget || repetitions < 3
        if checksum == 42 { Swift.print("") }  // keeps the work observable
        let bestSeconds = Double(best.components.seconds) + Double(best.components.attoseconds) * 1e-18
        return BenchResult(name: name, samplesPerSecond: Double(samples) / bestSeconds, repetitions: repetitions)
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
        Swift.print("one core, best of repetitions; ratio = throughput / baseline throughput")
        for result in results {
            let name = result.name.padding(toLength: 28, withPad: " ", startingAt: 0)
            let rate = String(format: "%9.1f M samples/s", result.samplesPerSecond / 1e6)
            let ratio = String(format: "%6.3f× baseline", result.samplesPerSecond / baseline.samplesPerSecond)
            Swift.print("\(name) \(rate)  \(ratio)  (\(result.repetitions) runs)")
        }
    }
}
