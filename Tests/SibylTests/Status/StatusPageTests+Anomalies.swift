import Foundation
import Sibyl
import SibylWire
import Testing

extension StatusPageTests {
    /// The derived labels of `source` (its name as `metric`), as `sibyl_anomaly` carries them.
    static func derived(_ source: [Label]) -> [Label] {
        source.map { $0.name == "__name__" ? Label("metric", $0.value) : $0 }
    }

    /// The chart of `objective`'s series, its opening tag and caption.
    static func figure(_ html: String, _ objective: String) -> Substring? {
        guard let start = html.range(of: "<figure class=\"chart\" data-objective=\"\(objective)\"") else { return nil }
        let rest = html[start.lowerBound...]
        return rest.range(of: "</figcaption>").map { rest[..<$0.upperBound] }
    }

    @Test("an anomalous series is counted in the header, listed, and marked on its chart; a normal one is not")
    func anomalies() throws {
        let hostile = "<b>x</b>"
        let anomalous = [Label("__name__", "node_load1"), Label("instance", hostile), Label("job", "node")]
        let normal = [Label("__name__", "node_load1"), Label("instance", "b:9100"), Label("job", "node")]
        var snapshot = Self.snapshot(objectives: [
            Self.objective("hot", .ok, traces: [Self.trace(anomalous, values: [1, 2, 9])]),
            Self.objective("calm", .ok, traces: [Self.trace(normal, values: [1, 2, 3])]),
        ])
        snapshot.anomalies = AnomalySummary(
            anomalies: [.init(labels: Self.derived(anomalous), direction: "above", score: 3.25)], scoredSeries: 2)
        let html = StatusPage(snapshot).render()
        #expect(html.contains(##"<a id="anomaly-count" class="badge anomalous" href="#anomalies""##))
        #expect(html.contains("title=\"1 of 2 scored series anomalous now\">1 anomalous</a>"))
        #expect(Self.count("<tr class=\"anomaly\"", in: html) == 1)
        #expect(
            html.contains(
                "<tr class=\"anomaly\" data-direction=\"above\"><td><code>node_load1{instance=&quot;&lt;b&gt;x&lt;/b&gt;"
                    + "&quot;, job=&quot;node&quot;}</code></td><td><span class=\"badge anomalous\" "
                    + "title=\"anomaly score 3.25\">↑ above</span></td><td class=\"num\">3.25</td></tr>"))
        #expect(!html.contains("<b>x"))
        let hot = try #require(Self.figure(html, "hot"))
        #expect(hot.contains("data-anomaly=\"above\""))
        #expect(hot.contains("<span class=\"badge anomalous\""))
        let calm = try #require(Self.figure(html, "calm"))
        #expect(!calm.contains("data-anomaly"))
        #expect(!calm.contains("anomalous"))
        // The section comes before the objectives.
        let section = try #require(html.range(of: "<section id=\"anomalies\">"))
        let objectives = try #require(html.range(of: "<section id=\"objectives\">"))
        #expect(section.lowerBound < objectives.lowerBound)
    }

    @Test("nothing scored: no header count and a hint; scored but calm: a green 0 and no table")
    func noAnomalies() {
        var snapshot = Self.snapshot()
        let unscored = StatusPage(snapshot).render()
        #expect(!unscored.contains("anomaly-count"))
        #expect(unscored.contains("id=\"no-anomaly-scores\""))
        snapshot.anomalies = AnomalySummary(anomalies: [], scoredSeries: 5)
        let calm = StatusPage(snapshot).render()
        #expect(calm.contains(##"<a id="anomaly-count" class="badge ok" href="#anomalies""##))
        #expect(calm.contains(">0 anomalous</a>"))
        #expect(calm.contains("None: no newest sample of the 5 series scored is anomalous."))
        #expect(!calm.contains("<table class=\"anomalies\""))
    }

    @Test("bounded: at most 100 anomaly rows, the rest counted")
    func anomaliesBounded() {
        var snapshot = Self.snapshot()
        snapshot.anomalies = AnomalySummary(
            anomalies: (0..<130).map {
                .init(labels: [Label("metric", "m\($0)")], direction: "below", score: Double($0))
            },
            scoredSeries: 200)
        let html = StatusPage(snapshot).render()
        #expect(Self.count("<tr class=\"anomaly\"", in: html) == StatusPage.maximumAnomalyRows)
        #expect(html.contains("… and 30 more anomalous series."))
        #expect(html.contains(">130 anomalous</a>"))
        // Highest score first.
        #expect(html.contains("<code>m129</code>") && !html.contains("<code>m0</code>"))
    }
}
