import ArgumentParser
import Foundation
import SibylTestSupport
import Testing

@testable import SibylCLI

@Suite(.enabled(if: TestBinaries.runnable(.prometheus, .promtool)))
struct BackfillCommandTests {
    /// The history's last sample: a whole minute plus 2.5 s, so that cycle times and sample times differ.
    static let end: Int64 = 1_795_000_002_500

    /// 4 h of two gauges every 5 s, one with a gap of 20 minutes.
    static let history: OpenMetricsHistory = {
        var steady: [(Int64, Double)] = []
        var gapped: [(Int64, Double)] = []
        for index in 0..<2880 {
            let time = end - Int64(2879 - index) * 5000
            steady.append((time, Double((index * 7919) % 1000) + 0.25))
            if !(1000..<1240).contains(index) { gapped.append((time, sin(Double(index) / 50) * 1e9)) }
        }
        return OpenMetricsHistory(series: [
            OpenMetricsHistory.Series(
                name: "cli_backfill_bytes", labels: [("instance", "a"), ("job", "node")], samples: steady),
            OpenMetricsHistory.Series(
                name: "cli_backfill_bytes", labels: [("instance", "b"), ("job", "node")], samples: gapped),
        ])
    }()

    @Test("sibyl backfill writes OpenMetrics that promtool imports; that Prometheus answers *_over_time's values")
    func roundTrip() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await PrometheusFixture.with(history: Self.history) { source in
            let configuration = directory.file("sibyl.yml")
            try """
            source:
              url: \(source.remoteReadURL)
            selectors: ['{job="node"}']
            evaluation:
              interval: 60s
              windows: [10m, 1h]
            """.write(to: configuration, atomically: true, encoding: .utf8)
            let output = directory.file("sibyl.om")
            let from = Self.end - 2 * 3_600_000
            let command = try BackfillCommand.parse([
                "--config.file", configuration.path, "--from", "\(from / 1000)", "--to", "\(Self.end / 1000)",
                "--output", output.path, "--log.level", "warn",
            ])
            try await command.run()
            // Every minute from --from to --to: 121 cycles.
            let cycles = stride(from: (from / 60_000 + 1) * 60_000, through: Self.end, by: 60_000).map { $0 }
            #expect(cycles.count == 120)
            try await PrometheusFixture.with(openMetricsFile: output) { derived in
                var compared = 0
                for time in cycles where time % (15 * 60_000) == 0 {
                    for (window, milliseconds) in [("10m", 600_000), ("1h", 3_600_000)] {
                        let want = try await source.query(
                            "max_over_time({job=\"node\"}[\(milliseconds - 1)ms])", at: time)
                        let got = try await derived.query("sibyl_window_max{window=\"\(window)\"}[1s]", at: time)
                        for series in want {
                            let instance = series.labels["instance"] ?? ""
                            let match = got.first { $0.labels["instance"] == instance }
                            #expect(match?.labels["metric"] == "cli_backfill_bytes")
                            #expect(match?.points.map(\.0) == [time], "\(instance) \(window) at \(time)")
                            #expect(
                                match?.points.first?.1 == series.points.first?.1, "\(instance) \(window) at \(time)")
                            compared += 1
                        }
                    }
                }
                #expect(compared >= 8 * 2 * 2 - 2)
            }
        }
    }

    @Test("--from after --to is refused")
    func backwards() async throws {
        let command = try BackfillCommand.parse([
            "--from", "1795000000", "--to", "1794990000", "--output", "/dev/null",
        ])
        await #expect(throws: (any Error).self) { try await command.run() }
    }
}
