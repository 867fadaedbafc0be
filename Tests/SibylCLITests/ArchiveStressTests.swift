import Foundation
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

@testable import SibylCLI

struct ArchiveStressTests {
    /// The built `sibyl` executable: next to the test bundle (SwiftPM puts both in `.build/<triple>/debug`).
    static func sibylExecutable() -> String? {
        let fileManager = FileManager.default
        var folders = [
            Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent(),
        ]
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        folders.append(root.appendingPathComponent(".build/debug"))
        return folders.map { $0.appendingPathComponent("sibyl").path }.first {
            fileManager.isExecutableFile(atPath: $0)
        }
    }

    /// The `cycle.time` of every "cycle archived" line of a log.
    static func archivedTimes(_ log: URL) -> [Int64] {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard line.contains("msg=\"cycle archived\"") else { return nil }
            guard let field = line.split(separator: " ").first(where: { $0.hasPrefix("cycle.time=") }) else {
                return nil
            }
            return Int64(field.dropFirst("cycle.time=".count))
        }
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
        .timeLimit(.minutes(5)))
    func crashSafety() async throws {
        let executable = try #require(Self.sibylExecutable(), "the sibyl executable is built with the tests")
        let directory = try TemporaryDirectory(prefix: "sibyl-archive-stress")
        defer { directory.remove() }
        let path = directory.file("archive.db").path
        let retention: Int64 = 10 * 60_000
        let samplesPerCycle = StressCycles(series: 100).samplesPerCycle
        var random = SeededRandom(seed: 0x5EED_0007)
        var committed = Set<Int64>()
        for round in 0..<24 {
            let log = directory.file("round-\(round).log")
            let process = try ManagedProcess(
                executable: executable,
                arguments: [
                    "archive-stress", "--archive", path, "--cycles", "1000000", "--series", "100", "--step", "60000",
                    "--retention", "10m", "--retention-interval", "50",
                ],
                logFile: log)
            // Even rounds count the delay from the start (a kill may land while the file is opened); odd rounds
            // from the first commit, so that every other kill lands while cycles are being written.
            if round % 2 == 1 {
                let deadline = ContinuousClock.now + .seconds(30)
                while Self.archivedTimes(log).isEmpty, process.isRunning, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(5))
                }
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...600, using: &random)))
            kill(process.processIdentifier, SIGKILL)
            #expect(process.waitForExit(timeout: 10) != nil)
            let logged = Self.archivedTimes(log)
            committed.formUnion(logged)

            let archive = try Archive(path: path)
            defer { try? archive.close() }
            #expect(try archive.integrityCheck() == "ok", "round \(round)")
            let present = try archive.results.evaluationTimes()
            let newest = present.last ?? .min
            let kept = committed.filter { $0 >= newest - retention }
            #expect(kept.isSubset(of: Set(present)), "round \(round): \(kept.subtracting(present).sorted()) missing")
            if let last = logged.last { #expect(present.contains(last), "round \(round)") }
            for time in present {
                let snapshot = try #require(try archive.results.snapshot(at: time))
                #expect(snapshot.families.reduce(0) { $0 + $1.samples.count } == samplesPerCycle, "cycle \(time)")
            }
        }
        #expect(committed.count >= 12, "only \(committed.count) cycles committed in all")
    }
}
