import Foundation

/// One inline SVG chart of the status page: the last hour of a series' judged values, its forecast with the
/// prediction interval as a band, the objective's bounds as dashed lines, and the evaluation time as "now".
///
/// The vertical scale is ``SparklineScale``: the values and the point forecast, the bounds near them, the band
/// clipped to a sane reach (a note says so); a bound beyond it is named at the chart's edge with an arrow. The
/// horizontal one runs from an hour before the evaluation time to the end of the forecast. Values outside the
/// range are marked; a single value is a dot. Labels are in the objective's unit (``ValueUnit``), and the margins
/// are sized from the labels' estimated widths (``TextWidth``), so that no label is cut off or overlaps another.
struct Sparkline {
    /// The objective the series belongs to.
    let objective: ObjectiveSummary
    /// The series' values and forecast.
    let trace: ObjectiveTrace

    static let width = 560.0
    static let height = 124.0
    static let top = 10.0
    static let bottom = height - 22
    /// The baseline of the time labels.
    static let timeBaseline = height - 6
    /// The font size of every label, as the style sheet sets it.
    static let fontSize = 10.0
    /// The least vertical distance between two bound labels' baselines.
    static let lineHeight = 12.0

    /// A text element.
    private struct Text {
        var x: Double
        var y: Double
        var anchor: Anchor
        var cssClass: String
        var text: String

        enum Anchor: String {
            case start, middle, end
        }

        var width: Double { TextWidth.of(text, fontSize: Sparkline.fontSize) }

        /// The horizontal extent.
        var span: ClosedRange<Double> {
            switch anchor {
            case .start: x...(x + width)
            case .middle: (x - width / 2)...(x + width / 2)
            case .end: (x - width)...x
            }
        }

        var svg: String {
            let anchorClass = anchor == .start ? "" : " \(anchor.rawValue)"
            return "<text class=\"\(cssClass)\(anchorClass)\" x=\"\(Sparkline.fmt(x))\" y=\"\(Sparkline.fmt(y))\">"
                + "\(HTMLText.escape(text))</text>"
        }
    }

    /// The SVG element.
    func svg() -> String {
        let unit = objective.unit
        let now = objective.evaluatedAt ?? trace.timestamps.last ?? 0
        let start = now - ObjectiveTrace.length
        let points = zip(trace.timestamps, trace.values).filter { $0.0 >= start }
        let band = trace.forecast.flatMap { band -> ObjectiveTrace.Band? in
            let finite = (band.values + band.lower + band.upper).allSatisfy(\.isFinite)
            return finite && !band.timestamps.isEmpty ? band : nil
        }
        let end = max(now, band?.timestamps.last ?? now, points.last?.0 ?? now)
        let bounds = [("min", objective.min), ("max", objective.max)].compactMap { name, value in
            value.map { (name: name, value: $0) }
        }
        let scale = SparklineScale(
            values: points.map(\.1), forecast: band?.values ?? [], interval: (band?.lower ?? []) + (band?.upper ?? []),
            bounds: bounds.map(\.value))
        let (highText, lowText) = Self.scaleLabels(scale, unit)
        let boundDigits = unit.digitsTellingApart(bounds.map(\.value))
        let boundTexts = bounds.map {
            "\($0.name) \(unit.format($0.value, digits: boundDigits))" + Self.arrow($0.value, scale)
        }
        let left = max(24, (max(Self.textWidth(highText), Self.textWidth(lowText)) + 8).rounded(.up))
        let right = Self.width - max(12, ((boundTexts.map(Self.textWidth).max() ?? 0) + 8).rounded(.up))

        func x(_ time: Int64) -> Double {
            left + (right - left) * Double(time - start) / Double(max(1, end - start))
        }
        func y(_ value: Double) -> Double {
            Self.bottom - (Self.bottom - Self.top) * (scale.clamp(value) - scale.low) / (scale.high - scale.low)
        }
        func pair(_ time: Int64, _ value: Double) -> String { "\(Self.fmt(x(time))),\(Self.fmt(y(value)))" }

        let label = HTMLText.escape("\(objective.name): \(StatusPage.seriesName(trace.labels))")
        var svg = """
            <svg class="spark" viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" role="img" \
            aria-label="\(label)">
            <rect class="plot" x="\(left)" y="\(Self.top)" width="\(right - left)" height="\(Self.bottom - Self.top)"/>

            """
        if let band {
            let upper = zip(band.timestamps, band.upper).map { pair($0.0, $0.1) }
            let lower = zip(band.timestamps, band.lower).reversed().map { pair($0.0, $0.1) }
            let mean = zip(band.timestamps, band.values).map { pair($0.0, $0.1) }
            let interval =
                "prediction interval \(unit.format(band.lower.min() ?? 0)) to \(unit.format(band.upper.max() ?? 0))"
                + (scale.bandIsClipped ? ", clipped to the chart" : "")
            svg += """
                <polygon class="band" points="\((upper + lower).joined(separator: " "))">\
                <title>\(HTMLText.escape(interval))</title></polygon>
                <polyline class="forecast" points="\(mean.joined(separator: " "))"/>

                """
        }
        svg += """
            <line class="now" x1="\(Self.fmt(x(now)))" y1="\(Self.top)" x2="\(Self.fmt(x(now)))" y2="\(Self.bottom)"/>

            """
        var boundLabels: [Text] = []
        for ((_, bound), text) in zip(bounds, boundTexts) {
            if scale.contains(bound) {
                svg += """
                    <line class="bound" x1="\(left)" y1="\(Self.fmt(y(bound)))" x2="\(right)" \
                    y2="\(Self.fmt(y(bound)))"/>

                    """
            }
            let baseline = bound > scale.high ? Self.top + 8 : bound < scale.low ? Self.bottom : y(bound) + 4
            boundLabels.append(Text(x: right + 4, y: baseline, anchor: .start, cssClass: "bound-label", text: text))
        }
        Self.separate(&boundLabels)
        if points.count > 1 {
            svg += "<polyline class=\"values\" points=\"\(points.map { pair($0.0, $0.1) }.joined(separator: " "))\"/>\n"
        }
        for (time, value) in points where points.count == 1 || isOutside(value) {
            let cssClass = isOutside(value) ? "outside" : "point"
            svg +=
                "<circle class=\"\(cssClass)\" cx=\"\(Self.fmt(x(time)))\" cy=\"\(Self.fmt(y(value)))\" r=\"2.5\"/>\n"
        }
        var texts = boundLabels
        if points.isEmpty {
            texts.append(
                Text(
                    x: (left + right) / 2, y: (Self.top + Self.bottom) / 2, anchor: .middle, cssClass: "empty",
                    text: "no values in the last hour"))
        }
        texts.append(Text(x: left - 4, y: Self.top + 8, anchor: .end, cssClass: "scale", text: highText))
        texts.append(Text(x: left - 4, y: Self.bottom, anchor: .end, cssClass: "scale", text: lowText))
        texts += Self.timeLabels(
            left: left, right: right, now: x(now),
            horizon: end > now ? StatusPage.duration(Double(end - now) / 1000) : nil,
            note: scale.bandIsClipped ? "interval clipped" : nil)
        svg += texts.map(\.svg).joined(separator: "\n") + "\n</svg>"
        return svg
    }

    /// The scale's top and bottom labels, with as many digits as it takes to tell them apart.
    private static func scaleLabels(_ scale: SparklineScale, _ unit: ValueUnit) -> (high: String, low: String) {
        let digits = unit.digitsTellingApart([scale.high, scale.low])
        return (unit.format(scale.high, digits: digits), unit.format(scale.low, digits: digits))
    }

    /// `↑` for a bound above the chart, `↓` below it, nothing for one inside.
    private static func arrow(_ bound: Double, _ scale: SparklineScale) -> String {
        bound > scale.high ? " ↑" : bound < scale.low ? " ↓" : ""
    }

    /// Moves the bound labels apart (the higher value above) so that their lines never overlap, within the chart.
    private static func separate(_ labels: inout [Text]) {
        guard labels.count == 2 else { return }
        let highest = top + 8
        let lowest = height - 4
        // labels[0] is min and labels[1] max: max stays above.
        var (maxY, minY) = (labels[1].y, labels[0].y)
        if minY - maxY < lineHeight {
            let middle = (minY + maxY) / 2
            maxY = middle - lineHeight / 2
            minY = middle + lineHeight / 2
        }
        if maxY < highest { (maxY, minY) = (highest, max(minY, highest + lineHeight)) }
        if minY > lowest { (maxY, minY) = (min(maxY, lowest - lineHeight), lowest) }
        labels[1].y = maxY
        labels[0].y = minY
    }

    /// `−1h` at the left, `now` under the evaluation time, the horizon at the right when there is a forecast, and
    /// the note between `−1h` and `now` when it fits; a label that would overlap its neighbour moves aside or goes.
    private static func timeLabels(
        left: Double, right: Double, now: Double, horizon: String?, note: String?
    ) -> [Text] {
        let start = Text(x: left, y: timeBaseline, anchor: .start, cssClass: "time", text: "−1h")
        var current = Text(x: now, y: timeBaseline, anchor: .middle, cssClass: "time", text: "now")
        var labels = [start]
        var limit = right
        if let horizon {
            let end = Text(x: right, y: timeBaseline, anchor: .end, cssClass: "time", text: "+\(horizon)")
            labels.append(end)
            limit = end.span.lowerBound - 4
        }
        if current.span.upperBound > limit {
            current.anchor = .end
            current.x = min(now, limit)
        }
        if current.span.lowerBound > start.span.upperBound + 4 {
            labels.append(current)
        }
        if let note {
            let text = Text(
                x: (start.span.upperBound + current.span.lowerBound) / 2, y: timeBaseline, anchor: .middle,
                cssClass: "note", text: note)
            if text.span.lowerBound > start.span.upperBound + 4, text.span.upperBound < current.span.lowerBound - 4 {
                labels.append(text)
            }
        }
        return labels
    }

    private static func textWidth(_ text: String) -> Double { TextWidth.of(text, fontSize: fontSize) }

    private func isOutside(_ value: Double) -> Bool {
        if let min = objective.min, value < min { return true }
        if let max = objective.max, value > max { return true }
        return false
    }

    static func fmt(_ value: Double) -> String { String(format: "%.1f", value) }
}
