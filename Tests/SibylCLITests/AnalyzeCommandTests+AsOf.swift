import ArgumentParser
import Foundation
import SibylTestSupport
import Testing

@testable import SibylCLI

/// `sibyl analyze --at T` means what `sibyl run` means at evaluation time T: windows `(T − w, T]`, the configured
/// windows, and a note when a series' last sample is more than two steps before T.
extension AnalyzeCommandTests {
    /// Three series sampled every 5 s for 20 minutes, whose last samples are 1 s, 45 s and 4m12s before T.
    static func agedHistory() -> OpenMetricsHistory {
        let ages: [(String, Int64)] = [("fresh", 1_000), ("middle", 45_000), ("old", 252_000)]
        return OpenMetricsHistory(
            series: ages.map { name, age in
                let samples = (0..<240).map { index -> (Int64, Double) in
                    let time: Int64 = end - age - Int64(239 - index) * 5000
                    let value: Double = Double(index % 11) + Double(index) / 7
                    return (time, value)
                }
                return .init(name: "analyze_aged", labels: [("case", name)], samples: samples)
            })
    }

    /// The series of a JSON report by their `case` label.
    static func byCase(_ json: String) throws -> [String: Series] {
        Dictionary(try decode(json).map { ($0.labels["case"] ?? "", $0) }) { first, _ in first }
    }

    @Test("windows end at T, not at the last sample; a last sample more than two steps before T is pointed out")
    func oldLastSample() async throws {
        try await PrometheusFixture.with(history: Self.agedHistory()) { prometheus in
            let arguments = [
                "analyze_aged", "--source", prometheus.remoteReadURL, "--at", "\(Self.end / 1000)", "--windows", "5m",
            ]
            let series = try Self.byCase(try await AnalyzeCommand.parse(arguments + ["--format", "json"]).analyze())
            let old = try #require(series["old"])
            #expect(old.warnings == ["last sample 4m12s before T"])
            #expect(old.lastSampleAgeSeconds == 252)
            // (T − 5m, T] holds the samples 300 s to 252 s before T: 10 of them (the run's window), where a window
            // ending at the last sample would hold 60.
            #expect(old.windows.value?["5m"]?.value?.count == 10)
            #expect(old.windows.value?.keys.sorted() == ["5m"])
            let fresh = try #require(series["fresh"])
            #expect(fresh.warnings.isEmpty)
            #expect(fresh.windows.value?["5m"]?.value?.count == 60)
            // The default step is 5 s: 45 s is more than two steps.
            #expect(series["middle"]?.warnings == ["last sample 45s before T"])

            let table = try await AnalyzeCommand.parse(arguments).analyze()
            #expect(table.contains("analyze_aged{case=\"old\"}\n  samples          240"))
            #expect(table.contains("  note             last sample 4m12s before T\n"))
            #expect(!table.contains("last sample 1s before T"))
            #expect(table.contains("; windows (T − w, T] at T = the range's end: 5m\n"))
        }
    }

    @Test("the windows and step come from --config.file; --windows wins over them")
    func windowsFromTheConfiguration() async throws {
        let directory = try TemporaryDirectory(prefix: "sibyl-analyze-config")
        defer { directory.remove() }
        let config = directory.file("sibyl.yml")
        try Data(
            """
            source:
              url: http://127.0.0.1:1/api/v1/read
            evaluation:
              step: 30s
              windows: [2h, 10m]
            selectors: [up]
            """.utf8
        ).write(to: config)
        try await PrometheusFixture.with(history: Self.agedHistory()) { prometheus in
            let arguments = [
                "analyze_aged", "--source", prometheus.remoteReadURL, "--at", "\(Self.end / 1000)", "--format", "json",
                "--config.file", config.path,
            ]
            let series = try Self.byCase(try await AnalyzeCommand.parse(arguments).analyze())
            let fresh = try #require(series["fresh"])
            #expect(fresh.windows.value?.keys.sorted() == ["10m", "2h"])
            #expect(fresh.windows.value?["10m"]?.value?.count == 120)
            #expect(fresh.windows.value?["2h"]?.value?.count == 240)
            // Two steps of 30 s: 45 s is recent enough, 4m12s is not.
            #expect(series["middle"]?.warnings == [])
            #expect(series["old"]?.warnings == ["last sample 4m12s before T"])
            // The forecast is resampled to the configured step, as `sibyl run` does: 10 minutes are 20 steps of 30 s.
            let forecast = try #require(fresh.forecast.value)
            #expect(forecast.steps == 20 && forecast.path.count == 20)
            let times = forecast.path.prefix(2).compactMap { Self.parseTime($0.time) }
            #expect(times.count == 2 && times[1] - times[0] == 30)
            await #expect {
                _ = try await AnalyzeCommand.parse(arguments + ["--horizon", "45s"]).analyze()
            } throws: { error in
                "\(error)".contains("--horizon: 45s is not a whole number of 30s steps")
            }

            let overridden = try Self.byCase(
                try await AnalyzeCommand.parse(arguments + ["--windows", "1m,3m"]).analyze())
            #expect(overridden["fresh"]?.windows.value?.keys.sorted() == ["1m", "3m"])
            #expect(overridden["fresh"]?.windows.value?["1m"]?.value?.count == 12)
        }
    }

    /// Seconds since 1970 of an RFC 3339 time with milliseconds.
    static func parseTime(_ text: String) -> Double? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)?.timeIntervalSince1970
    }

    @Test("a bad --windows or --config.file is rejected before reading")
    func badWindows() async throws {
        for windows in ["1h,soon", "1h,,3h", "0s", "1h,60m"] {
            let command = try AnalyzeCommand.parse(["up", "--windows", windows, "--source", "http://127.0.0.1:1"])
            await #expect(throws: ValidationError.self, "\(windows)") { _ = try await command.analyze() }
        }
        let missing = try AnalyzeCommand.parse(["up", "--config.file", "/nonexistent/sibyl.yml"])
        await #expect(throws: (any Error).self) { _ = try await missing.analyze() }
    }
}
