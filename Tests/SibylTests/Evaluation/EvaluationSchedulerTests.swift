import Foundation
import Logging
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

/// The evaluation loop of the real service on the wall clock, over a source that can be switched off.
struct EvaluationSchedulerTests {
    @Test("after stale_after without a successful cycle the derived series leave, /-/ready says why; all come back")
    func staleResultsAreWithdrawn() async throws {
        let series = [
            SwitchableSource.Series(labels: [Label("__name__", "m"), Label("job", "s")]) { Double($0 / 5000 % 7) }
        ]
        try await SwitchableSource.with(series) { source, url in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let configuration = try SibylConfiguration(
                yaml: """
                    source: {url: '\(url)', timeout: 60s}
                    evaluation: {interval: 1s, stale_after: 30s, step: 5s, windows: [1m]}
                    selectors: ['{job="s"}']
                    archive: {path: '\(directory.file("sibyl.db").path)'}
                    """, file: "s.yml")
            let recorder = LogRecorder()
            let logger = recorder.logger
            let service = try SibylService(
                configuration: configuration, configurationFile: "s.yml", adminToken: nil, logger: logger)
            defer { try? service.closeArchive() }
            try await SibylServerFixture.with(service, logger: logger) { port in
                let base = "http://127.0.0.1:\(port)"
                _ = try await SibylServerFixture.metrics(port: port, timeout: 60) { $0.contains("sibyl_window_min{") }
                #expect(try await TestHTTP.get(base + "/-/ready").status == 200)
                source.isUp = false
                // The first failed cycle, about a second after the last good one (well within stale_after even on a loaded
                // machine), still serves the last values.
                let down = try await SibylServerFixture.metrics(port: port, timeout: 60) {
                    $0.contains("sibyl_source_up 0\n")
                }
                #expect(down.contains("sibyl_window_min{"))
                let stale = try await SibylServerFixture.metrics(port: port, timeout: 60) {
                    !$0.contains("sibyl_window_")
                }
                #expect(stale.contains("sibyl_source_up 0\n"))
                #expect(stale.contains(#"sibyl_evaluation_failures_total{reason="http_503"} "#))
                #expect(stale.contains("sibyl_last_evaluation_timestamp_seconds "))
                let ready = try await TestHTTP.get(base + "/-/ready")
                #expect(ready.status == 503)
                #expect(ready.text.hasPrefix("Service Unavailable: no successful cycle since 20"), "\(ready.text)")
                #expect(ready.text.hasSuffix("Z: http_503\n"), "\(ready.text)")
                let page = try await TestHTTP.get(base + "/").text
                #expect(page.contains(#"id="stale""#))
                #expect(page.contains("no successful cycle since"))
                source.isUp = true
                _ = try await SibylServerFixture.metrics(port: port, timeout: 60) { $0.contains("sibyl_window_min{") }
                #expect(try await TestHTTP.get(base + "/-/ready").status == 200)
                #expect(!(try await TestHTTP.get(base + "/").text.contains(#"id="stale""#)))
            }
            // Each failed cycle's log line carries the error, not only its reason; shutdown is said.
            let failed = try #require(recorder.recorded.first { $0.message == "cycle failed" })
            #expect(failed.level == .warning)
            #expect(failed.metadata?["cycle.reason"] == "http_503")
            #expect(failed.metadata?["cycle.error"]?.description.hasPrefix("HTTP 503: ") == true)
            #expect(recorder.recorded.contains { $0.message == "shutting down: no further cycles" })
        }
    }
}
