import Foundation
import Logging
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

/// Crash safety of the archive: a child process writes cycles through an ``ArchiveWriter`` as fast as they commit,
/// with a short retention applied often, and is killed with SIGKILL at random moments; the file must stay intact
/// and hold every cycle the writer logged as archived. The child is this test binary itself, running
/// ``writeUntilKilled()`` alone (``childVariables`` enable it and tell it where to write).
struct ArchiveCrashSafetyTests {
    /// The environment of the child: the archive's path, and the file that receives the `cycle.time` of every
    /// `cycle archived` log event, one per line.
    static let childVariables = (archive: "SIBYL_CRASH_CHILD_ARCHIVE", archived: "SIBYL_CRASH_CHILD_ARCHIVED")

    /// The retention the child applies.
    static let retention: Int64 = 10 * 60_000
    /// Milliseconds between the child's cycles.
    static let step: Int64 = 60_000
    /// The child's cycles: 100 source series.
    static let cycles = StressCycles(series: 100)

    /// How to run ``writeUntilKilled()`` in a child process: this test executable, asked for that test alone
    /// (`nil` where the tests do not run as a plain executable, as they do under `swift test` on Linux).
    static let child: (executable: String, arguments: [String])? = {
        #if os(Linux)
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        return (
            executable,
            ["--testing-library", "swift-testing", "--filter", "ArchiveCrashSafetyTests/writeUntilKilled"]
        )
        #else
        return nil
        #endif
    }()

    /// The times of complete lines of the child's `archived` file (a line cut by the kill is left out).
    static func archivedTimes(_ file: URL) -> [Int64] {
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().compactMap { Int64($0) }
    }

    @Test("the synthetic cycles carry NaN, ±Inf and a family the archive leaves out")
    func syntheticCycles() {
        let cycles = StressCycles(series: 7)
        let snapshot = cycles.snapshot(3, time: 1000)
        let archived = snapshot.families.filter { ResultStore.isArchived($0.name.rawValue) }
        #expect(archived.reduce(0) { $0 + $1.samples.count } == cycles.samplesPerCycle)
        #expect(snapshot.families.count == archived.count + 1)
    }

    @Test(
        "SIGKILL at 24 seeded random moments: the file stays intact and every cycle logged as archived is there",
        .enabled(if: ArchiveCrashSafetyTests.child != nil, "needs to run this test executable as a child process"),
        .timeLimit(.minutes(5)))
    func crashSafety() async throws {
        let child = try #require(Self.child)
        let directory = try TemporaryDirectory(prefix: "sibyl-archive-crash")
        defer { directory.remove() }
        let path = directory.file("archive.db").path
        var random = SeededRandom(seed: 0x5EED_0007)
        var committed = Set<Int64>()
        for round in 0..<24 {
            let archivedFile = directory.file("round-\(round).archived")
            let process = try ManagedProcess(
                executable: child.executable, arguments: child.arguments, logFile: directory.file("round-\(round).log"),
                environment: [Self.childVariables.archive: path, Self.childVariables.archived: archivedFile.path])
            // Even rounds count the delay from the start (a kill may land while the file is opened); odd rounds
            // from the first commit, so that every other kill lands while cycles are being written.
            if round % 2 == 1 {
                let deadline = ContinuousClock.now + .seconds(30)
                while Self.archivedTimes(archivedFile).isEmpty, process.isRunning, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(5))
                }
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...600, using: &random)))
            kill(process.processIdentifier, SIGKILL)
            #expect(process.waitForExit(timeout: 10) != nil)
            let logged = Self.archivedTimes(archivedFile)
            committed.formUnion(logged)

            let archive = try Archive(path: path)
            defer { try? archive.close() }
            #expect(try archive.integrityCheck() == "ok", "round \(round)")
            let present = try archive.results.evaluationTimes()
            let newest = present.last ?? .min
            let kept = committed.filter { $0 >= newest - Self.retention }
            #expect(kept.isSubset(of: Set(present)), "round \(round): \(kept.subtracting(present).sorted()) missing")
            if let last = logged.last { #expect(present.contains(last), "round \(round)") }
            for time in present {
                let snapshot = try #require(try archive.results.snapshot(at: time))
                #expect(
                    snapshot.families.reduce(0) { $0 + $1.samples.count } == Self.cycles.samplesPerCycle,
                    "cycle \(time)")
            }
        }
        #expect(committed.count >= 12, "only \(committed.count) cycles committed in all")
    }

    /// The child of ``crashSafety()``: writes the synthetic cycles one after another, each committed before the
    /// next is submitted, and appends the `cycle.time` of each `cycle archived` event to its file, until killed.
    /// It carries on after the newest cycle of an earlier round; retention at start counts back from that cycle.
    @Test(
        "child of the crash-safety test: writes cycles until it is killed",
        .enabled(if: ProcessInfo.processInfo.environment[ArchiveCrashSafetyTests.childVariables.archive] != nil),
        .timeLimit(.minutes(1)))
    func writeUntilKilled() async throws {
        let environment = ProcessInfo.processInfo.environment
        let archive = try Archive(path: try #require(environment[Self.childVariables.archive]))
        let archivedPath = try #require(environment[Self.childVariables.archived])
        _ = FileManager.default.createFile(atPath: archivedPath, contents: nil)
        let archived = try FileHandle(forWritingTo: URL(fileURLWithPath: archivedPath))
        let recorder = LogRecorder { event in
            guard event.message == "cycle archived", let time = event.metadata?["cycle.time"] else { return }
            try? archived.write(contentsOf: Data("\(time)\n".utf8))
        }
        let newest = try archive.results.evaluationTimes().last ?? 1_700_000_000_000
        let writer = ArchiveWriter(
            archive: archive, retention: ArchiveRetention(age: PrometheusDuration(milliseconds: Self.retention)),
            capacity: 2, retentionInterval: .milliseconds(50), logger: recorder.logger, now: { newest })
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await writer.run() }
            for cycle in 0..<1_000_000 {
                writer.submit(Self.cycles.snapshot(cycle, time: newest + Int64(cycle + 1) * Self.step))
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

extension ArchiveCrashSafetyTests {
    /// Synthetic cycles: window statistics of `series` source series, some of them renamed every 20 cycles so that
    /// series stop being written and retention deletes them, and values that include NaN and ±Inf.
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
}
