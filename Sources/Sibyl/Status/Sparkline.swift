import Foundation

/// One inline SVG chart of the status page: the last hour of a series' judged values, its forecast with the
/// prediction interval as a band, the objective's bounds as dashed lines, and the evaluation time as "now".
///
/// The vertical scale covers the values, the band and the bounds; the horizontal one runs from an hour before the
/// evaluation time to the end of the forecast. Values outside the range are marked.
struct Sparkline {
    /// The objective the series belongs to.
    let objective: ObjectiveSummary
    /// The series' values and forecast.
    let trace: ObjectiveTrace

    static let width = 560.0
    static let height = 120.0
    /// The plot area inside the SVG: room on the left for the scale, on the right for the bounds' labels.
    static let left = 52.0
    static let right = width - 56
    static let top = 8.0
    static let bottom = height - 20

    /// The SVG element.
    func svg() -> String {
        let now = objective.evaluatedAt ?? trace.timestamps.last ?? 0
        let start = now - ObjectiveTrace.length
        let points = zip(trace.timestamps, trace.values).filter { $0.0 >= start }
        let band = trace.forecast.flatMap { band -> ObjectiveTrace.Band? in
            let finite = (band.values + band.lower + band.upper).allSatisfy(\.isFinite)
            return finite && !band.timestamps.isEmpty ? band : nil
        }
        let end = max(now, band?.timestamps.last ?? now, points.last?.0 ?? now)
        var values = points.map { $0.1 } + [objective.min, objective.max].compactMap { $0 }
        if let band { values += band.lower + band.upper }
        var low = values.min() ?? 0
        var high = values.max() ?? 1
        let pad = high > low ? (high - low) * 0.06 : max(abs(high) * 0.1, 1)
        low -= pad
        high += pad

        func x(_ time: Int64) -> Double {
            Self.left + (Self.right - Self.left) * Double(time - start) / Double(max(1, end - start))
        }
        func y(_ value: Double) -> Double {
            Self.bottom - (Self.bottom - Self.top) * (value - low) / (high - low)
        }
        func pair(_ time: Int64, _ value: Double) -> String {
            String(format: "%.1f,%.1f", x(time), y(value))
        }

        let label = HTMLText.escape("\(objective.name): \(StatusPage.seriesName(trace.labels))")
        var svg = """
            <svg class="spark" viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" role="img" \
            aria-label="\(label)">
            <rect class="plot" x="\(Self.left)" y="\(Self.top)" width="\(Self.right - Self.left)" \
            height="\(Self.bottom - Self.top)"/>

            """
        if let band {
            let upper = zip(band.timestamps, band.upper).map { pair($0.0, $0.1) }
            let lower = zip(band.timestamps, band.lower).reversed().map { pair($0.0, $0.1) }
            let mean = zip(band.timestamps, band.values).map { pair($0.0, $0.1) }
            svg += "<polygon class=\"band\" points=\"\((upper + lower).joined(separator: " "))\"/>\n"
            svg += "<polyline class=\"forecast\" points=\"\(mean.joined(separator: " "))\"/>\n"
        }
        svg += """
            <line class="now" x1="\(fmt(x(now)))" y1="\(Self.top)" x2="\(fmt(x(now)))" y2="\(Self.bottom)"/>

            """
        for (name, bound) in [("min", objective.min), ("max", objective.max)] {
            guard let bound else { continue }
            svg += """
                <line class="bound" x1="\(Self.left)" y1="\(fmt(y(bound)))" x2="\(Self.right)" y2="\(fmt(y(bound)))"/>\
                <text class="bound-label" x="\(Self.right + 4)" y="\(fmt(y(bound) + 4))">\(name) \
                \(HTMLText.escape(StatusPage.number(bound)))</text>

                """
        }
        if !points.isEmpty {
            let line = points.map { pair($0.0, $0.1) }.joined(separator: " ")
            svg += "<polyline class=\"values\" points=\"\(line)\"/>\n"
            for (time, value) in points where isOutside(value) {
                svg += "<circle class=\"outside\" cx=\"\(fmt(x(time)))\" cy=\"\(fmt(y(value)))\" r=\"2.5\"/>\n"
            }
        } else {
            svg += """
                <text class="empty" x="\((Self.left + Self.right) / 2)" y="\((Self.top + Self.bottom) / 2)">\
                no values in the last hour</text>

                """
        }
        let scaleHigh = HTMLText.escape(StatusPage.number(Self.rounded(high)))
        let scaleLow = HTMLText.escape(StatusPage.number(Self.rounded(low)))
        let horizon = StatusPage.duration(Double(end - now) / 1000)
        svg += """
            <text class="scale" x="\(Self.left - 4)" y="\(Self.top + 8)">\(scaleHigh)</text>\
            <text class="scale" x="\(Self.left - 4)" y="\(Self.bottom)">\(scaleLow)</text>
            <text class="time" x="\(Self.left)" y="\(Self.height - 5)">−1h</text>\
            <text class="time mid" x="\(fmt(x(now)))" y="\(Self.height - 5)">now</text>\
            <text class="time end" x="\(Self.right)" y="\(Self.height - 5)">+\(horizon)</text>
            </svg>
            """
        return svg
    }

    private func isOutside(_ value: Double) -> Bool {
        if let min = objective.min, value < min { return true }
        if let max = objective.max, value > max { return true }
        return false
    }

    private func fmt(_ value: Double) -> String { String(format: "%.1f", value) }

    /// `value` to 3 significant digits, for the scale.
    static func rounded(_ value: Double) -> Double {
        guard value != 0, value.isFinite else { return value }
        let magnitude = pow(10, floor(log10(abs(value))) - 2)
        return (value / magnitude).rounded() * magnitude
    }
}
