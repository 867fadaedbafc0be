import Foundation
import Sibyl
import SibylAnalysis
import SibylWire
import Testing

/// The status page rendered from constructed snapshots: escaping, the objective states, empty states and bounds.
struct StatusPageTests {
    static let time: Int64 = 1_790_000_000_000
    static let hour: Int64 = 3_600_000

    static func snapshot(
        source: StatusSnapshot.Source = .init(url: "http://prometheus:9090/api/v1/read", isUp: true),
        cycle: StatusSnapshot.Cycle? = .init(time: time - 2000, duration: 0.153, series: 42),
        skipped: [StatusSnapshot.Skip] = [],
        objectives: [ObjectiveSummary] = []
    ) -> StatusSnapshot {
        StatusSnapshot(
            time: time, source: source, cycle: cycle, evaluations: cycle == nil ? 0 : 3, skipped: skipped,
            objectives: objectives)
    }

    static func trace(_ labels: [Label], values: [Double], band: Bool = true) -> ObjectiveTrace {
        let times = values.indices.map { time - 2000 - Int64(values.count - 1 - $0) * 5000 }
        let forecast = ObjectiveTrace.Band(
            timestamps: (1...120).map { time - 2000 + Int64($0) * 5000 }, values: Array(repeating: 60, count: 120),
            lower: Array(repeating: 55, count: 120), upper: Array(repeating: 65, count: 120))
        return ObjectiveTrace(labels: labels, timestamps: times, values: values, forecast: band ? forecast : nil)
    }

    static func objective(
        _ name: String, _ state: ObjectiveSummary.State, eta: Double? = nil, traces: [ObjectiveTrace] = []
    ) -> ObjectiveSummary {
        ObjectiveSummary(
            name: name, selector: "up{job=\"\(name)\"}", min: 0, max: 100, windows: [hour, 3 * hour], state: state,
            evaluatedAt: state == .pending ? nil : time - 2000, series: state == .noData ? 0 : 1,
            violatingSeries: state == .violated ? 1 : 0, samplesOutside: state == .violated ? 3 : 0,
            secondsOutside: state == .violated ? 15 : 0, worstValue: state == .violated ? 150 : 50,
            predictedSeries: eta == nil ? 0 : 1, etaSeconds: eta, predictedBound: eta == nil ? nil : "max",
            traces: traces)
    }

    /// The opening tag of the objective's table row, and the row itself (`table: "budget"`: its error-budget row).
    static func row(_ html: String, _ name: String, table: String = "objective") -> Substring? {
        guard let start = html.range(of: "<tr id=\"\(table)-\(name)\"") else { return nil }
        let rest = html[start.lowerBound...]
        guard let end = rest.range(of: "</tr>") else { return nil }
        return rest[..<end.upperBound]
    }

    static func count(_ needle: String, in html: String) -> Int {
        html.components(separatedBy: needle).count - 1
    }

    @Test("every label, value and message is escaped: <script> shows as text")
    func escapesEverything() {
        let hostile = "<script>alert('x')</script>&\""
        let labels = [Label("__name__", "up"), Label("job", hostile)]
        var objective = Self.objective("escaped", .ok, traces: [Self.trace(labels, values: [1, 2, 3])])
        objective.selector = "up{job=\"\(hostile)\"}"
        let snapshot = Self.snapshot(
            source: .init(
                url: "http://x/<script>", isUp: false,
                lastFailure: .init(time: Self.time - 1000, reason: "http_500", message: "HTTP 500: \(hostile)"),
                failures: ["http_500": 1]),
            skipped: [.init(analysis: "adf<b>", reason: hostile, count: 2)], objectives: [objective])
        let html = StatusPage(snapshot).render()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>&"))
        #expect(!html.contains("adf<b>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"))
        #expect(html.contains("http://x/&lt;script&gt;"))
        #expect(html.contains("adf&lt;b&gt;"))
        // The chart's caption and its SVG label escape the series' labels too.
        #expect(Self.count("job=&quot;&lt;script&gt;", in: html) >= 3)
    }

    @Test("no script, no external asset: styles inline, only links leave the page")
    func selfContained() {
        let html = StatusPage(
            Self.snapshot(objectives: [
                Self.objective("a", .ok, traces: [Self.trace([Label("__name__", "up")], values: [1])])
            ])
        ).render()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<style>"))
        for forbidden in ["<script", "<link", "src=", "<img", "<iframe", "url("] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        #expect(html.contains("href=\"/metrics\""))
        #expect(html.contains("href=\"/api/v1/objectives\""))
        #expect(html.contains("href=\"\(StatusSnapshot.defaultDocumentationURL)\""))
        #expect(html.contains("0.1.0") || html.contains(SibylVersion.version))
    }

    @Test("ok, violated and predicted rows, with the ETA of the predicted one")
    func objectiveStates() throws {
        let html = StatusPage(
            Self.snapshot(objectives: [
                Self.objective("fine", .ok), Self.objective("broken", .violated),
                Self.objective("soon", .predicted, eta: 280), Self.objective("new", .pending),
                Self.objective("empty", .noData),
            ])
        ).render()
        let fine = try #require(Self.row(html, "fine"))
        #expect(fine.contains("data-state=\"ok\""))
        #expect(fine.contains("stays in range"))
        #expect(fine.contains("1h: none outside"))
        let broken = try #require(Self.row(html, "broken"))
        #expect(broken.contains("data-state=\"violated\""))
        #expect(broken.contains("1h: 3 samples, 15s outside"))
        #expect(broken.contains(">150<"))
        let soon = try #require(Self.row(html, "soon"))
        #expect(soon.contains("data-state=\"predicted\""))
        #expect(soon.contains("crosses max in <b class=\"eta\">4m40s</b>"))
        let pending = try #require(Self.row(html, "new"))
        #expect(pending.contains("data-state=\"pending\""))
        #expect(try #require(Self.row(html, "empty")).contains("data-state=\"no data\""))
        // Rows in name order.
        let order = ["broken", "empty", "fine", "new", "soon"].compactMap {
            html.range(of: "objective-\($0)\"")?.lowerBound
        }
        #expect(order.count == 5 && order == order.sorted())
        #expect(html.contains("[0, 100]"))
    }

    @Test("no cycle yet, no objectives, nothing skipped")
    func emptyStates() {
        let html = StatusPage(
            Self.snapshot(source: .init(url: "http://p/api/v1/read", isUp: nil), cycle: nil)
        ).render()
        #expect(html.contains("NOT READ YET"))
        #expect(html.contains("no cycle has succeeded yet"))
        #expect(html.contains("id=\"no-objectives\""))
        #expect(!html.contains("<table class=\"objectives\""))
        #expect(!html.contains("id=\"series\""))
        #expect(html.contains("None: every analysis ran on every series."))
    }

    @Test("a shard shows its index, count and hashed labels; an unsharded Sibyl shows no shard row")
    func shard() {
        var snapshot = Self.snapshot()
        #expect(!StatusPage(snapshot).render().contains("id=\"shard\""))
        snapshot.shard = ShardFilter(count: 3, index: 1)
        let html = StatusPage(snapshot).render()
        #expect(html.contains(#"<span id="shard">1 of 3</span>"#))
        #expect(html.contains("(hashmod of __name__, job, instance)"))
    }

    @Test("source down: a DOWN badge, the last error and the failed cycles by reason")
    func sourceDown() {
        let failure = SelfMetrics.Failure(
            time: Self.time - 65_000, reason: "unreachable", message: "connection refused")
        let html = StatusPage(
            Self.snapshot(
                source: .init(
                    url: "http://p/api/v1/read", isUp: false, lastFailure: failure, failures: ["unreachable": 2]),
                skipped: [.init(analysis: "forecast", reason: "too_short", count: 4)])
        ).render()
        #expect(html.contains("<span class=\"badge down\">DOWN</span>"))
        #expect(html.contains("unreachable: connection refused"))
        #expect(html.contains("1m5s ago"))
        #expect(html.contains("3 run, 2 failed (unreachable: 2)"))
        #expect(html.contains("<td>forecast</td><td><code>too_short</code></td><td class=\"num\">4</td>"))
        #expect(html.contains("153 ms"))
    }

    @Test("stale results: a STALE badge saying since when and why they left /metrics; none while served")
    func staleResults() {
        var snapshot = Self.snapshot(source: .init(url: "http://p/api/v1/read", isUp: false))
        #expect(!StatusPage(snapshot).render().contains("STALE"))
        snapshot.staleness = Staleness(since: Self.time - 2000, reason: "http_503")
        let html = StatusPage(snapshot).render()
        #expect(html.contains("<span class=\"badge down\">STALE</span>"))
        #expect(html.contains("no successful cycle since 2026-09-21 14:13:18 UTC (2s ago), last error http_503"))
        #expect(html.contains("withdrawn from <code>/metrics</code>"))
    }

    @Test("bounded: at most 100 rows and 10 charted objectives, the rest counted")
    func bounded() throws {
        let labels = [Label("__name__", "up")]
        let traces = Array(repeating: Self.trace(labels, values: (0..<720).map { Double($0 % 97) }), count: 4)
        let objectives = (0..<150).map { index in
            var objective = Self.objective(
                String(format: "o%03d", index), index == 140 ? .violated : .ok, traces: traces)
            objective.series = 6
            return objective
        }
        let html = StatusPage(Self.snapshot(objectives: objectives)).render()
        #expect(Self.count("<tr id=\"objective-", in: html) == 100)
        #expect(html.contains("… and 50 more objectives."))
        #expect(Self.count("<figure class=\"chart\"", in: html) == 40)
        #expect(html.contains("… and 140 more objectives not charted."))
        #expect(html.contains("… and 20 more series of the charted objectives not drawn."))
        // The violated objective is charted first even though its row is not shown.
        let violated = try #require(html.range(of: "data-objective=\"o140\""))
        let first = try #require(html.range(of: "data-objective=\"o000\""))
        #expect(violated.lowerBound < first.lowerBound)
        #expect(html.utf8.count < 1_000_000, "\(html.utf8.count) bytes")
    }

    @Test("a chart draws the values, the band, the bounds and the samples outside")
    func chart() throws {
        let values = (0..<720).map { $0 == 700 ? 150.0 : 50.0 }
        let html = StatusPage(
            Self.snapshot(objectives: [
                Self.objective("drawn", .violated, traces: [Self.trace([Label("__name__", "up")], values: values)])
            ])
        ).render()
        let start = try #require(html.range(of: "<svg"))
        let end = try #require(html.range(of: "</svg>"))
        let svg = html[start.lowerBound..<end.upperBound]
        #expect(Self.count("<polyline class=\"values\"", in: String(svg)) == 1)
        #expect(svg.contains("<polygon class=\"band\""))
        #expect(svg.contains(">min 0</text>") && svg.contains(">max 100</text>"))
        #expect(Self.count("<circle class=\"outside\"", in: String(svg)) == 1, "the one sample at 150")
        #expect(svg.contains(">+10m</text>"))
        let line = try #require(svg.components(separatedBy: "<polyline class=\"values\" points=\"").last)
        let points = try #require(line.split(separator: "\"").first).split(separator: " ")
        #expect(points.count > ObjectiveTrace.maximumPoints / 2 && points.count <= ObjectiveTrace.maximumPoints)
    }

    @Test("no forecast, no verdict: the forecast cell says why instead of \"stays in range\"")
    func noForecastYet() throws {
        var young = Self.objective("young", .ok)
        young.seriesWithoutForecast = 1
        young.forecastProblem = .tooShort("10m of history, needs 30m")
        var constant = Self.objective("flat", .ok)
        constant.seriesWithoutForecast = 1
        constant.forecastProblem = .constant("all values are equal")
        var partial = Self.objective("partial", .ok)
        partial.series = 3
        partial.seriesWithoutForecast = 1
        let html = StatusPage(Self.snapshot(objectives: [young, constant, partial])).render()
        let row = try #require(Self.row(html, "young"))
        #expect(row.contains("no forecast yet: 10m of history, needs 30m"))
        #expect(!row.contains("stays in range"))
        #expect(try #require(Self.row(html, "flat")).contains("no forecast: constant: all values are equal"))
        #expect(
            try #require(Self.row(html, "partial")).contains("stays in range (1 of 3 series without forecast)"))
    }

    @Test("values in their unit: bytes in GiB, the exact number in the tooltip; the chart's labels too")
    func units() throws {
        let gib = 1_073_741_824.0
        var memory = Self.objective(
            "memory", .violated,
            traces: [Self.trace([Label("__name__", "node_memory_MemFree_bytes")], values: [2.5 * gib, 2_770_000_000])])
        memory.unit = .bytes
        memory.min = 64 * 1_048_576
        memory.max = 2.5 * gib
        memory.worstValue = 2_770_000_000
        let html = StatusPage(Self.snapshot(objectives: [memory])).render()
        let row = try #require(Self.row(html, "memory"))
        #expect(row.contains("[<span title=\"67108864\">64 MiB</span>, <span title=\"2684354560\">2.5 GiB</span>]"))
        #expect(row.contains("<span title=\"2770000000\">2.58 GiB</span>"))
        #expect(html.contains(">max 2.5 GiB</text>"))
        #expect(!html.contains(">70000000<") && !html.contains(">2770000000</text>"))
        // Bounds a hair apart get the digits that tell them apart.
        var hits = Self.objective("hits", .ok)
        hits.unit = .ratio
        hits.min = 0.97
        hits.max = 0.9701
        let ratios = try #require(Self.row(StatusPage(Self.snapshot(objectives: [hits])).render(), "hits"))
        #expect(ratios.contains(">97 %</span>, <span title=\"0.9701\">97.01 %</span>]"))
    }

    @Test("the first cycle: a single value is a dot, and without a forecast there is no horizon label")
    func firstCycle() throws {
        let html = StatusPage(
            Self.snapshot(objectives: [
                Self.objective("first", .ok, traces: [Self.trace([Label("__name__", "up")], values: [42], band: false)])
            ])
        ).render()
        #expect(Self.count("<circle class=\"point\"", in: html) == 1)
        #expect(!html.contains("<polyline class=\"values\""))
        #expect(!html.contains(">+0s</text>"))
        #expect(html.contains(">now</text>"))
    }
}
