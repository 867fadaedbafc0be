import Foundation
import SibylAnalysis
import SibylWire

/// Renders the status page served on `GET /`: a self-contained HTML document (inline CSS and SVG, no script, no
/// external asset) built from a ``StatusSnapshot`` and nothing else.
///
/// Series whose newest sample is anomalous (``AnomalySummary``) are counted in the header, listed in the Anomalies
/// section and marked on their charts.
///
/// Every label, value and message is HTML-escaped. The page is bounded: at most ``maximumObjectiveRows`` rows in
/// the objectives table, ``maximumAnomalyRows`` in the anomalies table, and charts for at most
/// ``maximumChartedObjectives`` objectives (violated first, then predicted, then the others), each with at most
/// ``ObjectiveTrace/seriesPerObjective`` series; what is left out is counted in an "… and K more" line.
package struct StatusPage: Sendable {
    /// The most rows of the objectives table.
    package static let maximumObjectiveRows = 100
    /// The most objectives whose series are charted.
    package static let maximumChartedObjectives = 10
    /// The most characters of an error message shown.
    package static let maximumMessageLength = 500
    /// The Content-Type of the page.
    package static let contentType = "text/html; charset=utf-8"

    /// The snapshot drawn.
    package let snapshot: StatusSnapshot

    /// Creates a page.
    /// - Parameter snapshot: what it shows.
    package init(_ snapshot: StatusSnapshot) {
        self.snapshot = snapshot
    }

    /// The HTML document.
    /// - Returns: the page.
    package func render() -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sibyl</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <header><span class="brand">Sibyl</span>\(anomalyCount)<nav>\(links)</nav></header>
            <main>

            """
        html += runtime()
        html += anomaliesSection()
        html += objectivesTable()
        html += charts()
        html += skippedTable()
        html += """
            </main>
            <footer>Sibyl \(escape(snapshot.version)) · page generated at \(Self.date(snapshot.time)) · \
            \(links)</footer>
            </body>
            </html>

            """
        return html
    }

    private var links: String {
        """
        <a href="\(escape(snapshot.telemetryPath))">Metrics</a>\
        <a href="/api/v1/objectives">Objectives API</a>\
        <a href="\(escape(snapshot.documentationURL))">Documentation</a>
        """
    }

    // MARK: - Runtime

    private func runtime() -> String {
        let source = snapshot.source
        let state: String =
            switch source.isUp {
            case true?: #"<span class="badge up">UP</span>"#
            case false?: #"<span class="badge down">DOWN</span>"#
            case nil: #"<span class="badge pending">NOT READ YET</span>"#
            }
        var rows = [
            ("Version", escape(snapshot.version)),
            ("Source", "<code>\(escape(source.url))</code> \(state)"),
        ]
        if let shard = snapshot.shard {
            rows.append(
                (
                    "Shard",
                    "<span id=\"shard\">\(shard.index) of \(shard.count)</span> <span class=\"muted\">(hashmod of "
                        + "\(escape(shard.sourceLabels.joined(separator: ", "))))</span>"
                ))
        }
        if let backfill = snapshot.backfill {
            rows.append(("Backfill", Self.backfillText(backfill)))
        }
        if let failure = source.lastFailure {
            rows.append(
                (
                    "Last error",
                    """
                    <span class="error">\(escape(failure.reason)): \
                    \(HTMLText.escape(failure.message, limit: Self.maximumMessageLength))</span> \
                    <span class="muted">at \(Self.date(failure.time)) (\(age(failure.time)))</span>
                    """
                ))
        }
        if let cycle = snapshot.cycle {
            rows.append(("Last cycle", "\(Self.date(cycle.time)) <span class=\"muted\">(\(age(cycle.time)))</span>"))
            if let staleness = snapshot.staleness {
                rows.append(
                    (
                        "Results",
                        """
                        <span class="badge down">STALE</span> <span class="error" id="stale">withdrawn from \
                        <code>\(escape(snapshot.telemetryPath))</code>: no successful cycle since \
                        \(Self.date(staleness.since)) (\(age(staleness.since))), last error \
                        \(escape(staleness.reason))</span>
                        """
                    ))
            }
            rows.append(("Cycle duration", Self.seconds(cycle.duration)))
            rows.append(("Series", "\(cycle.series)"))
        } else {
            rows.append(("Last cycle", #"<span class="muted">no cycle has succeeded yet</span>"#))
        }
        let failed = snapshot.source.failures.values.reduce(0, +)
        var cycles = "\(snapshot.evaluations) run, \(failed) failed"
        if failed > 0 {
            let reasons = source.failures.sorted { $0.key < $1.key }.map { "\(escape($0.key)): \($0.value)" }
            cycles += " (\(reasons.joined(separator: ", ")))"
        }
        rows.append(("Cycles", cycles))
        let body = rows.map { "<tr><th>\($0.0)</th><td>\($0.1)</td></tr>" }.joined(separator: "\n")
        return "<section id=\"runtime\"><h2>Runtime</h2>\n<table class=\"kv\">\n\(body)\n</table></section>\n"
    }

    // MARK: - Objectives

    private func objectivesTable() -> String {
        let objectives = snapshot.objectives
        var html = "<section id=\"objectives\"><h2>Objectives</h2>\n"
        guard !objectives.isEmpty else {
            return html
                + "<p class=\"muted\" id=\"no-objectives\">No objectives. Declare them under <code>objectives:</code> "
                + "in the configuration file, or with <code>PUT /api/v1/objectives/{name}</code>.</p></section>\n"
        }
        html += """
            <div class="scroll"><table class="objectives">
            <thead><tr><th>Objective</th><th>Selector</th><th>Range</th><th>State</th><th>Series</th>\
            <th>Shortest window</th><th>Worst value</th><th>Forecast</th></tr></thead>
            <tbody>

            """
        for objective in objectives.prefix(Self.maximumObjectiveRows) {
            html += row(objective)
        }
        html += "</tbody></table></div>\n"
        html += more(objectives.count - Self.maximumObjectiveRows, "objectives")
        html += Self.budgetsTable(Array(objectives.prefix(Self.maximumObjectiveRows)))
        return html + "</section>\n"
    }

    private func row(_ objective: ObjectiveSummary) -> String {
        let state = objective.state
        let name = escape(objective.name)
        let rate = objective.isRate ? " <span class=\"muted\">(rate)</span>" : ""
        let windows = objective.windows.map { PrometheusDuration(milliseconds: $0).description }
        var shortest = "—"
        var worst = "—"
        var forecast = "—"
        if objective.evaluatedAt != nil, objective.series > 0 {
            let window = windows.first ?? ""
            shortest =
                objective.samplesOutside > 0
                ? "\(window): \(objective.samplesOutside) samples, \(Self.duration(objective.secondsOutside)) outside"
                    + (objective.series > 1 ? " (\(objective.violatingSeries) of \(objective.series) series)" : "")
                : "\(window): none outside"
            worst = objective.worstValue.map { Self.value($0, objective.unit) } ?? "—"
            forecast = Self.forecast(objective)
        }
        return """
            <tr id="objective-\(name)" class="state-\(state.cssClass)" data-state="\(state.rawValue)">\
            <td class="name">\(name)\(rate)</td><td><code>\(escape(objective.selector))</code></td>\
            <td class="num">\(Self.range(objective))</td>\
            <td><span class="badge \(state.cssClass)">\(state.rawValue)</span></td>\
            <td class="num">\(objective.evaluatedAt == nil ? "—" : "\(objective.series)")</td>\
            <td>\(shortest)</td><td class="num">\(worst)</td><td>\(forecast)</td></tr>

            """
    }

    // MARK: - Charts

    private func charts() -> String {
        let charted = snapshot.objectives.filter { !$0.traces.isEmpty && $0.evaluatedAt != nil }
        guard !charted.isEmpty else { return "" }
        let ordered = charted.enumerated().sorted { left, right in
            (left.element.state.severity, left.offset) < (right.element.state.severity, right.offset)
        }.map(\.element)
        var html = """
            <section id="series"><h2>Objective series</h2>
            <p class="muted legend"><span class="key line"></span>last hour \
            <span class="key band"></span>forecast and interval \
            <span class="key bound"></span>allowed range \
            <span class="key outside"></span>outside</p>
            <div class="charts">

            """
        for objective in ordered.prefix(Self.maximumChartedObjectives) {
            for trace in objective.traces {
                let anomaly = snapshot.anomalies.anomaly(of: trace.labels)
                let marked = anomaly.map { " data-anomaly=\"\(escape($0.direction))\"" } ?? ""
                let badge = anomaly.map { " " + Self.anomalyBadge($0) } ?? ""
                html += """
                    <figure class="chart" data-objective="\(escape(objective.name))"\(marked)>\
                    <figcaption><b>\(escape(objective.name))</b> \
                    <code>\(escape(Self.seriesName(trace.labels)))</code>\(badge)</figcaption>
                    \(Sparkline(objective: objective, trace: trace).svg())
                    </figure>

                    """
            }
        }
        html += "</div>\n"
        html += more(charted.count - Self.maximumChartedObjectives, "objectives not charted")
        let hiddenSeries = ordered.prefix(Self.maximumChartedObjectives).reduce(0) { $0 + $1.series - $1.traces.count }
        html += more(hiddenSeries, "series of the charted objectives not drawn")
        return html + "</section>\n"
    }

    // MARK: - Skipped analyses

    private func skippedTable() -> String {
        var html = "<section id=\"skipped\"><h2>Skipped analyses</h2>\n"
        guard !snapshot.skipped.isEmpty else {
            return html + "<p class=\"muted\">None: every analysis ran on every series.</p></section>\n"
        }
        html += """
            <table class="skipped"><thead><tr><th>Analysis</th><th>Reason</th><th>Series</th></tr></thead><tbody>

            """
        for skip in snapshot.skipped {
            html += """
                <tr><td>\(escape(skip.analysis))</td><td><code>\(escape(skip.reason))</code></td>\
                <td class="num">\(skip.count)</td></tr>

                """
        }
        return html + "</tbody></table>\n<p class=\"muted\">Counted per run since start.</p></section>\n"
    }

    // MARK: - Formatting

    func escape(_ text: String) -> String { HTMLText.escape(text) }

    func more(_ count: Int, _ what: String) -> String {
        count > 0 ? "<p class=\"more\">… and \(count) more \(what).</p>\n" : ""
    }

    private func age(_ time: Int64) -> String {
        let seconds = Double(snapshot.time - time) / 1000
        return seconds >= 0 ? "\(Self.duration(seconds)) ago" : "in \(Self.duration(-seconds))"
    }

    /// `name{a="1", b="2"}`, the way Prometheus shows a series.
    static func seriesName(_ labels: [Label]) -> String {
        let name = labels.first { $0.name == "__name__" }?.value ?? ""
        let rest = labels.filter { $0.name != "__name__" }.map { "\($0.name)=\"\($0.value)\"" }
        return rest.isEmpty ? name : "\(name){\(rest.joined(separator: ", "))}"
    }

    static func range(_ objective: ObjectiveSummary) -> String {
        let digits = objective.unit.digitsTellingApart([objective.min, objective.max].compactMap { $0 })
        let low = objective.min.map { value($0, objective.unit, digits: digits) } ?? "−∞"
        let high = objective.max.map { value($0, objective.unit, digits: digits) } ?? "+∞"
        return "[\(low), \(high)]"
    }

    /// A value in its unit (`2.58 GiB`), the exact number in its tooltip.
    static func value(_ value: Double, _ unit: ValueUnit, digits: Int = 3) -> String {
        let scaled = unit.format(value, digits: digits)
        let exact = number(value)
        return scaled == exact ? scaled : "<span title=\"\(exact)\">\(scaled)</span>"
    }

    /// The forecast cell: the earliest predicted crossing; else, when no series has a forecast, why (`no forecast
    /// yet: 10m of history, needs 30m`); else `stays in range`. An objective without a forecast has no verdict.
    static func forecast(_ objective: ObjectiveSummary) -> String {
        if let eta = objective.etaSeconds {
            var text =
                "crosses \(HTMLText.escape(objective.predictedBound ?? "")) in <b class=\"eta\">\(duration(eta))</b>"
            if objective.predictedSeries > 1 { text += " (\(objective.predictedSeries) series)" }
            return text
        }
        guard objective.seriesWithoutForecast < objective.series else {
            let why = objective.forecastProblem.map { problem in
                problem.shortDescription == "too_short"
                    ? "no forecast yet: \(problem.message)" : "no forecast: \(problem.description)"
            }
            return "<span class=\"muted noforecast\">\(HTMLText.escape(why ?? "no forecast yet"))</span>"
        }
        let without = objective.seriesWithoutForecast
        return without > 0
            ? "stays in range (\(without) of \(objective.series) series without forecast)" : "stays in range"
    }

    /// The backfill row: `120 of 360 past cycles (33 %), about 4m left`, `done: 360 past cycles`, with the failed
    /// ones when any.
    static func backfillText(_ counts: BackfillProgress.Counts) -> String {
        let failed = counts.failed > 0 ? ", <span class=\"error\">\(counts.failed) failed</span>" : ""
        guard counts.pending > 0 else {
            return "<span id=\"backfill\">done: \(counts.done) past cycles\(failed)</span>"
        }
        let percent = Int((Double(counts.done) / Double(max(1, counts.total)) * 100).rounded(.down))
        let left = counts.remainingSeconds.map { ", about \(duration($0)) left" } ?? ""
        return
            "<span id=\"backfill\">\(counts.done) of \(counts.total) past cycles (\(percent) %)\(left)\(failed)</span>"
    }

    /// A value in at most 6 significant digits, integers in full.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.6g", value)
    }

    /// A duration in Prometheus' style (`4m40s`), to the second.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        return PrometheusDuration(milliseconds: Int64((max(0, seconds)).rounded()) * 1000).description
    }

    /// Seconds as `152 ms` below one second, `1.234 s` above.
    static func seconds(_ seconds: Double) -> String {
        seconds < 1 ? String(format: "%.0f ms", seconds * 1000) : String(format: "%.3f s", seconds)
    }

    /// A Unix time in milliseconds as `2026-11-27 20:03:39 UTC`.
    static func date(_ milliseconds: Int64) -> String {
        let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        return date.ISO8601Format().replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
    }
}

extension ObjectiveSummary.State {
    /// The CSS class of the state.
    var cssClass: String {
        switch self {
        case .pending: "pending"
        case .noData: "nodata"
        case .ok: "ok"
        case .violated: "violated"
        case .predicted: "predicted"
        }
    }

    /// The order of the charts: the most urgent first.
    var severity: Int {
        switch self {
        case .violated: 0
        case .predicted: 1
        case .ok: 2
        case .noData: 3
        case .pending: 4
        }
    }
}
