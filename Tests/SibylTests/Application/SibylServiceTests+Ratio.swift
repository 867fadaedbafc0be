import Foundation
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

extension SibylServiceTests {
    @Test("an API objective with divide_by reads its divisor, judges the ratio, counts a series with none, is archived")
    func ratioObjectiveThroughTheAPI() async throws {
        let time = ServiceFixture.evaluationTime()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let step = ServiceFixture.step
        let last = (time / step) * step - step
        let times = (0..<120).map { last - Int64(119 - $0) * step }
        // No configured selector names the divisor: only the objective's divide_by has it read.
        let history = OpenMetricsHistory(series: [
            .init(name: "sibyl_ratio_used", labels: [("instance", "a")], samples: times.map { ($0, 3) }),
            .init(name: "sibyl_ratio_used", labels: [("instance", "b")], samples: times.map { ($0, 1) }),
            .init(name: "sibyl_ratio_total", labels: [("instance", "a")], samples: times.map { ($0, 4) }),
        ])
        try await ServiceFixture.withPrometheus(holding: history, at: time) { prometheus in
            let yaml = """
                source: {url: '\(prometheus.remoteReadURL)'}
                evaluation: {interval: 1h}
                selectors: ['sibyl_ratio_used']
                archive: {path: '\(directory.file("sibyl.db").path)'}
                """
            try await Self.withService(yaml, at: time) { service, port in
                let base = "http://127.0.0.1:\(port)"
                let auth = ["Authorization": "Bearer tok", "Content-Type": "application/json"]
                let body =
                    #"{"selector": "sibyl_ratio_used", "divide_by": "sibyl_ratio_total", "max": 0.5, "windows": ["1h"]}"#
                let put = try await TestHTTP.send(
                    "\(base)/api/v1/objectives/share", method: "PUT", headers: auth, body: Data(body.utf8))
                #expect(put.status == 201, "\(put.text)")
                _ = try await TestHTTP.send("\(base)/api/v1/evaluate", method: "POST", headers: auth, body: nil)
                let text = try await SibylServerFixture.metrics(port: port) {
                    $0.contains("sibyl_slo_series{objective=\"share\"} 1") && $0.contains("reason=\"no_divisor\"")
                }
                // a: 3 / 4 = 0.75, above 0.5 at each of its 120 samples; b has no divisor.
                let worst = ExposedSample.find(
                    in: text, "sibyl_slo_worst_value", ["objective": "share", "window": "1h"])
                #expect(worst.map(\.value) == [0.75])
                #expect(worst.first?.labels["instance"] == "a")
                #expect(worst.first?.labels["metric"] == "sibyl_ratio_used")
                let violations = ExposedSample.find(
                    in: text, "sibyl_slo_violations", ["objective": "share", "window": "1h"])
                #expect(violations.map(\.value) == [120])
                let skipped = ExposedSample.find(
                    in: text, "sibyl_analysis_skipped_total", ["analysis": "objectives", "reason": "no_divisor"])
                #expect((skipped.first?.value ?? 0) >= 1)
                let stored = try service.archive.objectives.loadAll().objectives
                #expect(stored.map(\.divideBy) == [try SeriesSelector(parsing: "sibyl_ratio_total")])
            }
        }
    }
}
