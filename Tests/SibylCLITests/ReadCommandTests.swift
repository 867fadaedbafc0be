import ArgumentParser
import Foundation
import SibylTestSupport
import Testing

@testable import SibylCLI

@Suite(.enabled(if: TestBinaries.runnable(.prometheus, .promtool)))
struct ReadCommandTests {
    static let end: Int64 = 1_795_000_000_000

    static let history = OpenMetricsHistory(series: [
        OpenMetricsHistory.Series(
            name: "cli_test_bytes", labels: [("instance", "a")],
            samples: (0..<60).map { (end - Int64(59 - $0) * 5000, Double($0)) }),
        OpenMetricsHistory.Series(
            name: "cli_test_bytes", labels: [("instance", "b")],
            samples: (0..<60).map { (end - Int64(59 - $0) * 5000, -Double($0) / 4) }),
    ])

    @Test("reads the matching series and summarises them", arguments: ["streamed", "samples"])
    func summary(responseType: String) async throws {
        try await PrometheusFixture.with(history: Self.history) { prometheus in
            let command = try ReadCommand.parse([
                "cli_test_bytes{instance=~\"a|b\"}", "--source", prometheus.remoteReadURL, "--range", "2m",
                "--at", "\(Self.end / 1000)", "--response-type", responseType,
            ])
            let text = try await command.read()
            #expect(text.hasPrefix("2 series, 50 samples"))
            #expect(text.contains("cli_test_bytes{instance=\"a\"}  samples=25"))
            #expect(text.contains("min=35.0 max=59.0 last=59.0"))
            #expect(text.contains("min=-14.75 max=-8.75 last=-14.75"))
        }
    }

    @Test("a bad selector names the column")
    func badSelector() async throws {
        let command = try ReadCommand.parse(["cli_test_bytes{instance=}"])
        await #expect(throws: ValidationError.self) { _ = try await command.read() }
    }

    @Test("times parse as Unix seconds or RFC 3339")
    func times() throws {
        #expect(try TimeArgument.milliseconds(parsing: "1795000000") == 1_795_000_000_000)
        #expect(try TimeArgument.milliseconds(parsing: "1795000000.5") == 1_795_000_000_500)
        #expect(try TimeArgument.milliseconds(parsing: "2026-11-18T11:06:40Z") == 1_795_000_000_000)
        #expect(TimeArgument.rfc3339(1_795_000_000_500) == "2026-11-18T11:06:40.500Z")
        #expect(throws: ValidationError.self) { try TimeArgument.milliseconds(parsing: "yesterday") }
    }
}
