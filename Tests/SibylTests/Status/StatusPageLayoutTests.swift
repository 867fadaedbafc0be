import Foundation
import Sibyl
import SibylAnalysis
import SibylTestSupport
import SibylWire
import Testing

/// The status page laid out by headless Chromium at a desktop and a phone width, with the data that broke it: byte
/// values in the billions, a prediction interval a hundred times wider than the series, a first cycle of one value,
/// bounds close together and far away. A script added to a copy of the page measures every label of every chart
/// (`getBBox`): each lies inside its SVG's viewBox and overlaps no other; the page is no wider than the window.
///
/// Screenshots at both widths go to `$SIBYL_SCREENSHOT_DIR`, or to `sibyl-status-layout` in the temporary
/// directory; the path is printed.
@Suite(.enabled(if: TestBinaries.runnable(.chromium)))
struct StatusPageLayoutTests {
    static let time: Int64 = 1_790_000_000_000
    static let hour: Int64 = 3_600_000
    static let gib = 1_073_741_824.0

    /// What the script found, as JSON in `<pre id="layout-report">`.
    struct Report: Decodable {
        var charts: Int
        var texts: Int
        var problems: [String]
    }

    /// Measures the charts' labels and the page's width, and writes the report into the page.
    static let measuringScript = """
        <script>
        (function () {
          const problems = [];
          let count = 0;
          const svgs = Array.from(document.querySelectorAll('svg.spark'));
          svgs.forEach(function (svg) {
            const view = svg.viewBox.baseVal;
            const name = svg.getAttribute('aria-label');
            const texts = Array.from(svg.querySelectorAll('text')).map(function (t) {
              return {text: t.textContent, box: t.getBBox()};
            });
            count += texts.length;
            const show = function (t) {
              const b = t.box;
              return '"' + t.text + '" [' + b.x.toFixed(1) + ', ' + b.y.toFixed(1) + ', ' + b.width.toFixed(1) +
                ' x ' + b.height.toFixed(1) + ']';
            };
            texts.forEach(function (t) {
              const b = t.box;
              if (b.x < view.x - 0.5 || b.y < view.y - 0.5 || b.x + b.width > view.x + view.width + 0.5 ||
                  b.y + b.height > view.y + view.height + 0.5) {
                problems.push(name + ': ' + show(t) + ' leaves the viewBox');
              }
            });
            for (let i = 0; i < texts.length; i++) {
              for (let j = i + 1; j < texts.length; j++) {
                const a = texts[i].box, b = texts[j].box;
                const apart = a.x + a.width <= b.x + 0.5 || b.x + b.width <= a.x + 0.5 ||
                  a.y + a.height <= b.y + 0.5 || b.y + b.height <= a.y + 0.5;
                if (!apart) { problems.push(name + ': ' + show(texts[i]) + ' overlaps ' + show(texts[j])); }
              }
            }
          });
          const overflow = document.documentElement.scrollWidth - window.innerWidth;
          if (overflow > 0) { problems.push('the page is ' + overflow + ' px wider than the window'); }
          const report = document.createElement('pre');
          report.id = 'layout-report';
          report.textContent = JSON.stringify({charts: svgs.length, texts: count, problems: problems});
          document.body.appendChild(report);
        })();
        </script>
        """

    /// `count` values every 5 s up to two seconds before the page's time.
    static func values(_ count: Int, _ value: (Int) -> Double) -> (times: [Int64], values: [Double]) {
        let times = (0..<count).map { time - 2000 - Int64(count - 1 - $0) * 5000 }
        return (times, (0..<count).map(value))
    }

    /// A 10-minute forecast: the point forecast `center`, the interval `center ± width`.
    static func band(_ center: Double, _ width: Double) -> ObjectiveTrace.Band {
        ObjectiveTrace.Band(
            timestamps: (1...120).map { time - 2000 + Int64($0) * 5000 }, values: Array(repeating: center, count: 120),
            lower: (1...120).map { center - width * Double($0) / 120 },
            upper: (1...120).map { center + width * Double($0) / 120 })
    }

    static func objective(
        _ name: String, metric: String, min: Double?, max: Double?, unit: ValueUnit, state: ObjectiveSummary.State,
        series: (times: [Int64], values: [Double]), band: ObjectiveTrace.Band?, worst: Double? = nil
    ) -> ObjectiveSummary {
        let labels = [Label("__name__", metric), Label("instance", "host:9100"), Label("job", "node")]
        return ObjectiveSummary(
            name: name, selector: "\(metric){job=\"node\"}", min: min, max: max, windows: [hour, 3 * hour],
            state: state, evaluatedAt: time - 2000, series: 1, violatingSeries: state == .violated ? 1 : 0,
            samplesOutside: state == .violated ? 12 : 0, secondsOutside: state == .violated ? 60 : 0,
            worstValue: worst ?? series.values.last, seriesWithoutForecast: band == nil ? 1 : 0,
            forecastProblem: band == nil ? .tooShort("10m of history, needs 30m") : nil, unit: unit,
            traces: [
                ObjectiveTrace(labels: labels, timestamps: series.times, values: series.values, forecast: band)
            ])
    }

    /// `objective` with the three-group budget of ``ErrorBudgetReportTests/report()`` (its table is on the page).
    static func budgeted(_ objective: ObjectiveSummary) -> ObjectiveSummary {
        var objective = objective
        objective.budget = try? ErrorBudgetReportTests.report()
        return objective
    }

    /// The realistic page: memory in GiB with a wide band, a first cycle of one value, a load without forecast,
    /// latencies in seconds, a ratio with bounds a hair apart, two bounds whose labels would sit on each other.
    static func page() -> String {
        let objectives = [
            objective(
                "memory_free", metric: "node_memory_MemFree_bytes", min: 64 * 1_048_576, max: 2.6 * gib, unit: .bytes,
                state: .violated, series: values(720) { 2.5 * gib + Double($0 % 90) * 3_000_000 },
                band: band(2.6 * gib, 150 * gib), worst: 2_770_000_000),
            objective(
                "memory_first_cycle", metric: "node_memory_MemAvailable_bytes", min: 0, max: 4 * gib, unit: .bytes,
                state: .ok, series: values(1) { _ in 2_770_000_000 }, band: nil),
            objective(
                "load", metric: "node_load1", min: nil, max: 4, unit: .plain, state: .ok,
                series: values(120) { 1 + 1.5 * abs(sin(Double($0) / 9)) }, band: nil),
            budgeted(
                objective(
                    "latency", metric: "http_request_duration_seconds", min: nil, max: 1, unit: .seconds, state: .ok,
                    series: values(720) { 0.2 + 0.3 * abs(sin(Double($0) / 40)) }, band: band(0.4, 0.2))),
            objective(
                "close_bounds", metric: "queue_depth", min: 50, max: 51, unit: .plain, state: .violated,
                series: values(720) { 50 + 50 * sin(Double($0) / 30) }, band: band(60, 10)),
            objective(
                "cache_hits", metric: "cache_hit_ratio", min: 0.97, max: 0.9701, unit: .ratio, state: .violated,
                series: values(3) { 0.97 + Double($0) * 0.00002 }, band: band(0.97005, 0.5)),
        ]
        let snapshot = StatusSnapshot(
            time: time, source: .init(url: "http://prometheus:9090/api/v1/read", isUp: true),
            cycle: .init(time: time - 2000, duration: 0.153, series: 5), evaluations: 3,
            skipped: [.init(analysis: "forecast", reason: "too_short", count: 2)], objectives: objectives,
            anomalies: anomalies)
        return StatusPage(snapshot).render()
    }

    /// The memory_free series (charted) anomalous above, and a series with long labels (not charted) below.
    static let anomalies = AnomalySummary(
        anomalies: [
            .init(
                labels: [
                    Label("instance", "host:9100"), Label("job", "node"), Label("metric", "node_memory_MemFree_bytes"),
                ],
                direction: "above", score: 4.2),
            .init(
                labels: [
                    Label("metric", "http_requests_per_second_by_route_and_status_code"),
                    Label("route", "/api/v1/objectives/{name}/status/history/very/long/path"), Label("job", "node"),
                ], direction: "below", score: 1.7),
        ], scoredSeries: 12)

    static func report(_ dom: String) throws -> Report {
        let start = try #require(dom.range(of: "<pre id=\"layout-report\">"))
        let end = try #require(dom[start.upperBound...].range(of: "</pre>"))
        let json = dom[start.upperBound..<end.lowerBound].replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode(Report.self, from: Data(json.utf8))
    }

    static func screenshotDirectory() throws -> URL {
        let configured = ProcessInfo.processInfo.environment["SIBYL_SCREENSHOT_DIR"] ?? ""
        let directory =
            configured.isEmpty
            ? FileManager.default.temporaryDirectory.appendingPathComponent("sibyl-status-layout")
            : URL(fileURLWithPath: configured)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test("the anomalous series' chart is marked in the DOM, the others are not; the header counts it")
    func anomalyMarked() async throws {
        let browser = try HeadlessBrowser()
        let work = try TemporaryDirectory()
        defer { work.remove() }
        let page = work.file("page.html")
        try Data(Self.page().utf8).write(to: page)
        let dom = try await browser.dumpDOM(page.absoluteString, width: 1280, height: 900)
        let marked = dom.components(separatedBy: "<figure ").dropFirst().filter { $0.contains("data-anomaly=") }
        #expect(marked.count == 1)
        #expect(marked.first?.contains("data-objective=\"memory_free\"") == true)
        #expect(marked.first?.contains("data-anomaly=\"above\"") == true)
        #expect(dom.contains(">2 anomalous</a>"))
        #expect(dom.components(separatedBy: "<tr class=\"anomaly\"").count - 1 == 2)
    }

    @Test("every chart label lies inside its chart and overlaps no other, at 1280 and 420 px", arguments: [1280, 420])
    func labelsFitAndNeverOverlap(width: Int) async throws {
        let browser = try HeadlessBrowser()
        let work = try TemporaryDirectory()
        defer { work.remove() }
        let html = Self.page()
        let measured = work.file("measured.html")
        try Data(html.replacingOccurrences(of: "</body>", with: Self.measuringScript + "\n</body>").utf8)
            .write(to: measured)
        let report = try Self.report(try await browser.dumpDOM(measured.absoluteString, width: width, height: 900))
        #expect(report.charts == 6)
        #expect(report.texts >= 6 * 5, "each chart has its scale, time and bound labels")
        #expect(report.problems.isEmpty, "\(report.problems.joined(separator: "\n"))")

        let page = work.file("page.html")
        try Data(html.utf8).write(to: page)
        let screenshot = try Self.screenshotDirectory().appendingPathComponent("status-\(width).png")
        try await browser.screenshot(page.absoluteString, to: screenshot, width: width, height: 2200)
        print("status page screenshot at \(width) px: \(screenshot.path)")
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }
}
