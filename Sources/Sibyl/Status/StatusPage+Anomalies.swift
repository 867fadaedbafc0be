import Foundation
import SibylWire

extension StatusPage {
    /// The most rows of the anomalies table.
    package static let maximumAnomalyRows = 100

    /// The header's count of anomalous series, linking to their section: red while any is anomalous, green when
    /// none is; absent until some series has been scored.
    var anomalyCount: String {
        let summary = snapshot.anomalies
        guard summary.scoredSeries > 0 else { return "" }
        let count = summary.anomalies.count
        return """
            <a id="anomaly-count" class="badge \(count > 0 ? "anomalous" : "ok")" href="#anomalies" \
            title="\(count) of \(summary.scoredSeries) scored series anomalous now">\(count) anomalous</a>
            """
    }

    /// The Anomalies section: every series whose newest sample is anomalous now (`sibyl_anomaly` 1), highest score
    /// first, with its direction and score; else how many series were scored, or why none was.
    func anomaliesSection() -> String {
        let summary = snapshot.anomalies
        var html = "<section id=\"anomalies\"><h2>Anomalies</h2>\n"
        guard summary.scoredSeries > 0 else {
            return html
                + "<p class=\"muted\" id=\"no-anomaly-scores\">No series scored yet: each cycle the newest sample of "
                + "every forecast series is scored against the forecast made before it.</p></section>\n"
        }
        guard !summary.anomalies.isEmpty else {
            return html
                + "<p class=\"muted\" id=\"no-anomalies\">None: no newest sample of the \(summary.scoredSeries) "
                + "series scored is anomalous.</p></section>\n"
        }
        html += """
            <div class="scroll"><table class="anomalies">
            <thead><tr><th>Series</th><th>Direction</th><th>Score</th></tr></thead>
            <tbody>

            """
        for series in summary.anomalies.prefix(Self.maximumAnomalyRows) {
            html += """
                <tr class="anomaly" data-direction="\(escape(series.direction))">\
                <td><code>\(escape(Self.seriesName(derived: series.labels)))</code></td>\
                <td>\(Self.anomalyBadge(series))</td><td class="num">\(Self.score(series.score))</td></tr>

                """
        }
        html += "</tbody></table></div>\n"
        html += more(summary.anomalies.count - Self.maximumAnomalyRows, "anomalous series")
        return html + """
            <p class="muted">Of \(summary.scoredSeries) series scored: the newest sample's distance from the \
            forecast made before it, over the prediction interval's half-width (1 at the interval's edge; \
            <code>sibyl_anomaly_score</code>, <code>sibyl_anomaly</code>).</p></section>

            """
    }

    /// The marker of an anomalous series: its direction, its score in the tooltip.
    static func anomalyBadge(_ series: AnomalySummary.Series) -> String {
        let arrow =
            switch series.direction {
            case "above": "↑ "
            case "below": "↓ "
            default: ""
            }
        return """
            <span class="badge anomalous" title="anomaly score \(score(series.score))">\
            \(arrow)\(HTMLText.escape(series.direction))</span>
            """
    }

    /// A score to two decimals, `—` when not exposed.
    static func score(_ score: Double?) -> String {
        guard let score else { return "—" }
        return score.isFinite ? String(format: "%.2f", score) : number(score)
    }

    /// `name{a="1"}` for a derived series' labels, its `metric` label as the name.
    static func seriesName(derived labels: [Label]) -> String {
        seriesName(labels.map { $0.name == "metric" ? Label("__name__", $0.value) : $0 })
    }
}
