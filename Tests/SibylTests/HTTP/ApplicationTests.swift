import Foundation
import Hummingbird
import Logging
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

@Suite(.enabled(if: TestBinaries.runnable(.prometheus, .promtool)))
struct ApplicationTests {
    /// Runs Sibyl's real application on a free port against `source`, evaluating once at `time`.
    static func withSibyl<T>(
        source: String, at time: Int64, _ body: (Int) async throws -> T
    ) async throws -> T {
        let configuration = try SibylConfiguration(
            yaml:
                "source: {url: '\(source)', timeout: 120s}\nevaluation: {interval: 1h}\nselectors: ['{job=\"fixture\"}']\n",
            file: "t.yml")
        return try await SibylServerFixture.with(configuration, at: time, body)
    }

    @Test("Prometheus scraping Sibyl (OpenMetrics) stores the derived series with the source labels; promtool accepts")
    func scrapedBySecondPrometheus() async throws {
        let time = ServiceFixture.evaluationTime()
        try await ServiceFixture.withPrometheus(at: time) { source in
            try await Self.withSibyl(source: source.remoteReadURL, at: time) { port in
                try await TestHTTP.waitUntilOK("http://127.0.0.1:\(port)/-/ready", timeout: 60)
                let metrics = try await TestHTTP.get("http://127.0.0.1:\(port)/metrics")
                #expect(metrics.status == 200)
                #expect(metrics.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
                #expect(metrics.text.contains("sibyl_source_up 1\n"))
                let check = try Promtool.checkMetrics(metrics.text)
                #expect(check.status == 0, "promtool: \(check.output)")
                let docs = try await TestHTTP.get("http://127.0.0.1:\(port)/docs")
                #expect(docs.status == 200)
                #expect(docs.headers["content-type"] == "text/html; charset=utf-8")
                #expect(docs.text.contains("<tr><td><code>sibyl_window_max</code></td><td>gauge</td>"))

                let target = PrometheusFixture.ScrapeTarget(
                    job: "sibyl", address: "127.0.0.1:\(port)", honorLabels: true)
                try await PrometheusFixture.with(scrapeTargets: [target], scrapeInterval: "1s") { scraper in
                    var found: [PrometheusFixture.QueriedSeries] = []
                    for _ in 0..<100 {
                        found = try await scraper.query(
                            "sibyl_window_max{metric=\"sibyl_e2e_gauge\", window=\"1h\"}", at: wallClockMilliseconds())
                        if found.count >= 3 { break }
                        try await Task.sleep(for: .milliseconds(200))
                    }
                    #expect(Set(found.compactMap { $0.labels["shape"] }) == ["sine", "gaps", "stale"])
                    #expect(found.allSatisfy { $0.labels["job"] == "fixture" })
                    // Prometheus 2.42 asks for OpenMetrics first, and gets it: counters keep `_total` on samples.
                    let evaluations = try await scraper.query("sibyl_evaluations_total", at: wallClockMilliseconds())
                    #expect(evaluations.count == 1)
                    let accept =
                        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;"
                        + "q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"
                    let openMetrics = try await TestHTTP.send(
                        "http://127.0.0.1:\(port)/metrics", headers: ["Accept": accept])
                    #expect(
                        openMetrics.headers["content-type"]
                            == "application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=underscores")
                    #expect(openMetrics.text.hasSuffix("# EOF\n"))
                }
            }
        }
    }

    @Test("healthy at once, ready only after a successful cycle; an unreachable source shows sibyl_source_up 0")
    func readiness() async throws {
        let port = try FreePort.next()
        try await Self.withSibyl(source: "http://127.0.0.1:\(port)/api/v1/read", at: 1_000_000) { sibyl in
            try await TestHTTP.waitUntilOK("http://127.0.0.1:\(sibyl)/-/healthy", timeout: 30)
            var metrics = ""
            for _ in 0..<100 {
                metrics = try await TestHTTP.get("http://127.0.0.1:\(sibyl)/metrics").text
                if metrics.contains("sibyl_evaluations_total 1") { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(metrics.contains("sibyl_source_up 0\n"))
            #expect(try await TestHTTP.get("http://127.0.0.1:\(sibyl)/-/ready").status == 503)
        }
    }
}
