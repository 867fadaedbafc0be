import Foundation
import Logging
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

/// The status page of a real `SibylService` over a pre-filled Prometheus, opened in headless Chromium: the rendered
/// DOM shows each objective in its constructed state, and a screenshot is taken.
///
/// `SIBYL_SCREENSHOT=docs/status-page.png swift test --filter StatusPageEndToEndTests` writes the screenshot the
/// README shows.
@Suite(.enabled(if: TestBinaries.runnable(.prometheus, .promtool, .chromium)))
struct StatusPageEndToEndTests {
    /// The objective series of ``ObjectiveEvaluationTests``, plus a second `slo_inside` series with a hostile label.
    static func history(_ construction: ObjectiveEvaluationTests.Construction) -> OpenMetricsHistory {
        var history = ObjectiveEvaluationTests.history(construction)
        history.series.append(
            OpenMetricsHistory.Series(
                name: "slo_inside", labels: [("job", "slo"), ("note", "<script>alert(1)</script>")],
                samples: (0..<construction.count).map { (construction.time($0), 40 + Double($0 % 120) / 12) }))
        return history
    }

    /// The table row of `name` in the serialised DOM.
    static func row(_ dom: String, _ name: String) -> Substring? {
        guard let start = dom.range(of: "<tr id=\"objective-\(name)\"") else { return nil }
        let rest = dom[start.lowerBound...]
        return rest.range(of: "</tr>").map { rest[..<$0.upperBound] }
    }

    @Test("the objectives table shows ok, violated and predicted with the ETA; the screenshot is a PNG")
    func statusPageInChromium() async throws {
        let browser = try HeadlessBrowser()
        let step = ObjectiveEvaluationTests.step
        let last = (wallClockMilliseconds() - 20_000) / step * step
        let time = last + 2000
        let construction = ObjectiveEvaluationTests.Construction(last: last)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await ServiceFixture.withPrometheus(holding: Self.history(construction), at: time) { prometheus in
            let configuration = try SibylConfiguration(
                yaml: """
                    # One cycle an hour: a first read cut off by the 30 s default under a loaded test run would
                    # leave every objective pending for the rest of the test.
                    source: {url: '\(prometheus.remoteReadURL)', timeout: 5m}
                    evaluation: {interval: 1h}
                    selectors: ['{job="slo"}']
                    archive: {path: '\(directory.file("sibyl.db").path)'}
                    # The first system's model: the page's states are under test, not the model choice, whose
                    # validation over 12 h of four series takes minutes in a debug build under a loaded test run.
                    forecast: {season_length: 5, model: holt_winters}
                    objectives:
                      - {name: inside, selector: 'slo_inside', min: 0, max: 100}
                      - {name: spans, selector: 'slo_spans', min: 0, max: 100}
                      - {name: packets, selector: 'slo_packets_total', min: 0, max: 50, transform: rate}
                      - {name: crossing, selector: 'slo_crossing', max: 1000}
                    """, file: "sibyl.yml")
            var logger = Logger(label: "sibyl-test")
            logger.logLevel = .warning
            let service = try SibylService(
                configuration: configuration, configurationFile: "sibyl.yml", adminToken: nil, logger: logger,
                now: { time })
            try await SibylServerFixture.with(service, logger: logger) { port in
                let url = "http://127.0.0.1:\(port)/"

                // Until every objective is judged (a loaded debug test run can take minutes to judge 12 h).
                let deadline = Date().addingTimeInterval(600)
                var page = ""
                while Date() < deadline {
                    let response = try await TestHTTP.get(url)
                    page = response.text
                    #expect(response.status == 200)
                    if page.contains("data-state=\"predicted\""), !page.contains("data-state=\"pending\"") { break }
                    try await Task.sleep(for: .milliseconds(200))
                }
                #expect(!page.contains("data-state=\"pending\""), "\(page.prefix(3000))")

                let dom = try await browser.dumpDOM(url)
                #expect(dom.contains("<table class=\"objectives\">"))
                #expect(Self.row(dom, "inside")?.contains("data-state=\"ok\"") == true)
                #expect(Self.row(dom, "spans")?.contains("data-state=\"violated\"") == true)
                #expect(Self.row(dom, "spans")?.contains("1h: 3 samples, 15s outside") == true)
                #expect(Self.row(dom, "packets")?.contains("data-state=\"violated\"") == true)
                let crossing = try #require(Self.row(dom, "crossing"))
                #expect(crossing.contains("data-state=\"predicted\""))
                // The ETA shown is the constructed crossing, five minutes after the last sample, within a step.
                let etaText = try #require(
                    crossing.split(separator: "<b class=\"eta\">").last?.split(separator: "<").first)
                let eta = Double(try PrometheusDuration(parsing: String(etaText)).milliseconds) / 1000
                let constructed = Double(last + 300_000 - time) / 1000
                #expect(abs(eta - constructed) <= 5, "ETA \(etaText), constructed \(constructed) s")
                #expect(dom.contains(prometheus.remoteReadURL))
                #expect(dom.contains("<span class=\"badge up\">UP</span>"))
                // Two series of `inside`, one for each of the others, each drawn with its forecast band.
                #expect(dom.components(separatedBy: "<figure class=\"chart\"").count - 1 == 5)
                #expect(dom.components(separatedBy: "<polygon class=\"band\"").count - 1 == 5)
                // The hostile label value is text, not an element.
                #expect(!dom.contains("<script"))
                #expect(dom.contains("note=\"&lt;script&gt;alert(1)&lt;/script&gt;\""))

                let screenshot = directory.file("status-page.png")
                try await browser.screenshot(url, to: screenshot, width: 1280, height: 900)
                let png = try Data(contentsOf: screenshot)
                #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
                #expect(png.count > 20_000, "\(png.count) bytes")
                if let target = ProcessInfo.processInfo.environment["SIBYL_SCREENSHOT"], !target.isEmpty {
                    try? FileManager.default.removeItem(atPath: target)
                    try png.write(to: URL(fileURLWithPath: target))
                }
            }
            try service.archive.close()
        }
    }
}
