import Foundation
import SibylAnalysis
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

extension SibylServiceTests {
    @Test("a budgeted objective's SLI and budget reach /metrics, and a restart on the same archive keeps them")
    func budgetAcrossRestart() async throws {
        try await Self.withPrometheusAndArchive { time, prometheus, archive in
            let yaml = """
                source: {url: '\(prometheus.remoteReadURL)'}
                evaluation: {interval: 1h}
                selectors: ['{job="fixture", shape="sine"}']
                forecast: {season_length: 5, model: holt_winters}
                archive: {path: '\(archive)'}
                objectives:
                  - name: hot
                    selector: 'sibyl_e2e_gauge{shape="sine"}'
                    max: 60
                    target: 0.5
                """
            let labels = ["objective": "hot", "shape": "sine"]
            func budget(_ text: String) -> (sli: Double?, remaining: Double?) {
                (
                    ExposedSample.find(in: text, "sibyl_slo_sli", labels.merging(["window": "30d"]) { $1 }).first?
                        .value,
                    ExposedSample.find(in: text, "sibyl_slo_error_budget_remaining", labels).first?.value
                )
            }
            var before: (sli: Double?, remaining: Double?) = (nil, nil)
            try await Self.withService(yaml, at: time) { _, port in
                let text = try await SibylServerFixture.metrics(port: port) { budget($0).remaining != nil }
                before = budget(text)
                #expect(ExposedSample.find(in: text, "sibyl_slo_target", ["objective": "hot"]).first?.value == 0.5)
            }
            // The sine crosses 60 for part of each period: the indicator is strictly between 0 and 1.
            let sli = try #require(before.sli)
            #expect(sli > 0 && sli < 1)
            expectClose(try #require(before.remaining), 1 - (1 - sli) / 0.5, rtol: 1e-12, "remaining")
            // A restart a minute later: the period's indicator is over the events archived before the restart and
            // those counted since, one row per judgement.
            try await Self.withService(yaml, at: time + 60_000) { service, port in
                let text = try await SibylServerFixture.metrics(port: port) { budget($0).remaining != nil }
                let rows = try service.archive.results.objectiveEvents(after: 0).filter { $0.objective == "hot" }
                #expect(rows.count == 2)
                let good = rows.reduce(0) { $0 + $1.events.good }
                let total = rows.reduce(0) { $0 + $1.events.total }
                #expect(rows.first?.events.total ?? 0 > 3000, "the hour before the restart is kept")
                let after = try #require(budget(text).sli)
                #expect(abs(after - good / total) < 1e-12, "\(after) vs \(good / total)")
            }
        }
    }

    @Test("an API objective's budget survives a restart of sibyl run; a period beyond archive.retention is 400")
    func apiBudgetAcrossRestart() async throws {
        try await Self.withPrometheusAndArchive { time, prometheus, archive in
            let yaml = """
                source: {url: '\(prometheus.remoteReadURL)'}
                evaluation: {interval: 1h}
                selectors: ['{job="fixture", shape="sine"}']
                archive: {path: '\(archive)', retention: 40d}
                """
            let auth = ["Authorization": "Bearer tok", "Content-Type": "application/json"]
            let labels = ["objective": "hot", "shape": "sine", "window": "35d"]
            try await Self.withService(yaml, at: time) { _, port in
                let url = "http://127.0.0.1:\(port)/api/v1/objectives/hot"
                let gauge = #""selector": "sibyl_e2e_gauge{shape=\"sine\"}", "max": 60, "target": 0.5"#
                let tooLong = "{\(gauge), \"period\": \"41d\"}"
                let refused = try await TestHTTP.send(url, method: "PUT", headers: auth, body: Data(tooLong.utf8))
                #expect(refused.status == 400)
                #expect(
                    refused.json["error"] as? String
                        == "period: 41d is longer than archive.retention (40d): the period's events would be deleted "
                        + "before it ends")
                let body = "{\(gauge), \"period\": \"35d\"}"
                let put = try await TestHTTP.send(url, method: "PUT", headers: auth, body: Data(body.utf8))
                #expect(put.status == 201, "\(put.text)")
                _ = try await TestHTTP.send(
                    "http://127.0.0.1:\(port)/api/v1/evaluate", method: "POST", headers: auth, body: nil)
                let text = try await SibylServerFixture.metrics(port: port) {
                    ExposedSample.find(in: $0, "sibyl_slo_sli", labels).first != nil
                }
                #expect(ExposedSample.find(in: text, "sibyl_slo_target", ["objective": "hot"]).first?.value == 0.5)
            }
            try await Self.withService(yaml, at: time + 60_000) { service, port in
                let answer = try await TestHTTP.send(
                    "http://127.0.0.1:\(port)/api/v1/objectives/hot", method: "GET", headers: [:], body: nil)
                let data = answer.json["data"] as? [String: Any] ?? [:]
                #expect(data["target"] as? Double == 0.5)
                #expect(data["period"] as? String == "35d")
                #expect(data["origin"] as? String == "api")
                // The restarted run judges the objective over the events archived before the restart and its own.
                let text = try await SibylServerFixture.metrics(port: port) {
                    ExposedSample.find(in: $0, "sibyl_slo_sli", labels).first != nil
                }
                #expect(ExposedSample.find(in: text, "sibyl_slo_target", ["objective": "hot"]).first?.value == 0.5)
                let rows = try service.archive.results.objectiveEvents(after: 0).filter { $0.objective == "hot" }
                #expect(rows.count == 2)
                let good = rows.reduce(0) { $0 + $1.events.good }
                let total = rows.reduce(0) { $0 + $1.events.total }
                let sli = try #require(ExposedSample.find(in: text, "sibyl_slo_sli", labels).first?.value)
                #expect(abs(sli - good / total) < 1e-12, "\(sli) vs \(good / total)")
            }
        }
    }
}
