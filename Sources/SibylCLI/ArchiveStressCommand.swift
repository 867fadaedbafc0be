import ArgumentParser
import Logging
import Sibyl
import SibylWire

/// `sibyl archive-stress` (hidden): writes synthetic cycles through the ``ArchiveWriter`` one after another, each
/// committed before the next is submitted, with a short retention applied often, and logs `cycle archived` after
/// each commit. The crash-safety test kills it with SIGKILL at random moments and checks the file.
struct ArchiveStressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive-stress",
        abstract: "Write synthetic cycles into an archive as fast as they commit (a test tool).",
        shouldDisplay: false
    )

    @Option(name: .customLong("archive"), help: "The SQLite file (created when missing).")
    var archive: String

    @Option(name: .customLong("cycles"), help: "How many cycles to write.")
    var cycles = 1000

    @Option(name: .customLong("series"), help: "Source series per cycle (each gives 15 window statistics).")
    var series = 100

    @Option(name: .customLong("step"), help: "Milliseconds between the cycles' evaluation times.")
    var step: Int64 = 60_000

    @Option(name: .customLong("retention"), help: "The archive's retention, a Prometheus duration.")
    var retention = "10m"

    @Option(name: .customLong("retention-interval"), help: "Milliseconds of wall time between retention passes.")
    var retentionInterval = 100

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard cycles >= 0, series >= 1, step >= 1, retentionInterval >= 0 else {
            throw ValidationError("--cycles, --series, --step and --retention-interval must be positive")
        }
        guard (try? PrometheusDuration(parsing: retention)) != nil else {
            throw ValidationError("--retention: not a Prometheus duration: \(retention)")
        }
    }

    func run() async throws {
        let logger = logging.makeLogger()
        let archive = try Archive(path: archive)
        // Carries on after the newest cycle of an earlier run; retention at start counts back from that cycle.
        let newest = try archive.results.evaluationTimes().last ?? 1_700_000_000_000
        let start = newest + step
        let writer = ArchiveWriter(
            archive: archive, retention: ArchiveRetention(age: try PrometheusDuration(parsing: retention)),
            capacity: 2, retentionInterval: .milliseconds(retentionInterval), logger: logger, now: { newest })
        let source = StressCycles(series: series)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await writer.run() }
            for cycle in 0..<cycles {
                writer.submit(source.snapshot(cycle, time: start + Int64(cycle) * step))
                while Self.handled(writer.statistics) <= cycle {
                    try? await Task.sleep(for: .milliseconds(1))
                }
            }
            group.cancelAll()
        }
        try archive.close()
    }

    /// Cycles written, failed or dropped.
    private static func handled(_ statistics: ArchiveWriter.Statistics) -> Int {
        statistics.cycles + statistics.dropped + statistics.errors.values.reduce(0, +)
    }
}

/// The synthetic cycles of `archive-stress`: window statistics of `series` source series, some of them renamed
/// every 20 cycles so that series stop being written and retention deletes them, and values that include NaN
/// and ±Inf.
struct StressCycles: Sendable {
    /// The window statistics' names.
    static let statistics = ["avg", "max", "min", "samples", "stddev"]
    /// The windows.
    static let windows = ["1h", "3h", "12h"]

    /// How many source series each cycle has.
    let series: Int

    /// Samples per cycle: 5 statistics × 3 windows per source series.
    var samplesPerCycle: Int { series * Self.statistics.count * Self.windows.count }

    /// The snapshot of cycle `cycle`.
    /// - Parameters:
    ///   - cycle: the cycle's number in this run.
    ///   - time: its evaluation time.
    /// - Returns: the snapshot, with a self-monitoring family that the archive leaves out.
    func snapshot(_ cycle: Int, time: Int64) -> CycleSnapshot {
        var families = Self.statistics.compactMap {
            try? MetricFamily(name: "sibyl_window_\($0)", kind: .gauge, help: "Synthetic \($0).")
        }
        for index in 0..<series {
            let generation = index % 10 == 0 ? "\(time / 1_200_000)" : "0"
            for window in Self.windows {
                let labels = try? RenderedLabels([
                    (name: "instance", value: "host-\(index):9100"), (name: "job", value: "node"),
                    (name: "metric", value: "node_load1"), (name: "generation", value: generation),
                    (name: "window", value: window),
                ])
                guard let labels else { continue }
                for family in families.indices {
                    families[family].append(labels, Self.value(cycle: cycle, index: index, family: family))
                }
            }
        }
        if let up = try? MetricFamily(name: "sibyl_source_up", kind: .gauge, help: "Not archived.") {
            families.append(up)
        }
        return CycleSnapshot(time: time, duration: 0.01, families: families)
    }

    private static func value(cycle: Int, index: Int, family: Int) -> Double {
        switch (cycle + index + family) % 97 {
        case 0: .nan
        case 1: .infinity
        case 2: -.infinity
        default: Double(index) * 1.5 + Double(cycle) / 7 + Double(family)
        }
    }
}
