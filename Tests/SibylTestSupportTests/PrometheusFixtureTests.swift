import Foundation
import SibylTestSupport
import Testing

@Suite(.enabled(if: TestBinaries.runnable(.prometheus, .promtool)))
struct PrometheusFixtureTests {
    @Test("pre-fills history, answers queries at its timestamps, and is gone after the body")
    func prefillAndStop() async throws {
        let end: Int64 = 1_790_000_000_000
        let history = OpenMetricsHistory(series: [
            OpenMetricsHistory.Series(
                name: "fixture_value", labels: [("shape", "ramp")],
                samples: (0..<8640).map { (end - Int64(8639 - $0) * 5000, Double($0)) })
        ])
        let url = try await PrometheusFixture.with(history: history) { prometheus in
            let count = try await prometheus.query("count_over_time(fixture_value[12h])", at: end)
            #expect(count.first?.points.first?.1 == 8640)
            let last = try await prometheus.query("fixture_value", at: end)
            #expect(last.first?.points.first?.1 == 8639)
            return prometheus.baseURL
        }
        await #expect(throws: (any Error).self) { _ = try await TestHTTP.send("\(url)/-/ready", timeout: 2) }
    }

    @Test("the body's error propagates and the server still stops")
    func stopsOnFailure() async throws {
        struct Expected: Error {}
        var address = ""
        await #expect(throws: Expected.self) {
            try await PrometheusFixture.with { prometheus in
                address = prometheus.baseURL
                throw Expected()
            }
        }
        await #expect(throws: (any Error).self) { _ = try await TestHTTP.send("\(address)/-/ready", timeout: 2) }
    }
}

@Suite(.enabled(if: TestBinaries.runnable(.nodeExporter)))
struct NodeExporterFixtureTests {
    @Test("serves the node exporter's metrics on its port")
    func serves() async throws {
        try await NodeExporterFixture.with { exporter in
            let response = try await TestHTTP.get(exporter.metricsURL)
            #expect(response.status == 200)
            #expect(response.text.contains("node_load1"))
        }
    }
}
