import Foundation
import SibylAnalysis

/// A standalone SVG of one series: its last hour of samples, the Holt-Winters forecast and the forecast's
/// 95 % interval, with time (UTC) and value axes. No script, no external assets: a browser opens the file as is.
struct ForecastPlot: Sendable {
    /// The series drawn.
    var series: AnalyzedSeries
    /// The forecast horizon in steps.
    var steps: Int
    /// How much history to draw before the last sample, in milliseconds.
    var historyMilliseconds: Int64 = 3_600_000

    private static let width = 960.0
    private static let height = 480.0
    private static let left = 100.0
    private static let right = 24.0
    private static let top = 48.0
    private static let bottom = 56.0

    /// A point of the plot in data units (ms, value).
    private struct Point {
        var time: Int64
        var value: Double
    }

    /// The SVG document.
    var svg: String {
        let lastTime = series.timestamps.last ?? 0
        let history = zip(series.timestamps, series.values)
            .filter { $0.0 >= lastTime - historyMilliseconds }
            .map { Point(time: $0.0, value: $0.1) }
        let forecast = forecastPoints()
        var note = ""
        switch series.forecast {
        case .failure(let error): note = "forecast skipped: \(error.description)"
        case nil: note = "forecast skipped: series skipped"
        case .success: break
        }

        let times = history.map(\.time) + forecast.map { $0.value.time }
        let values = (history.map(\.value) + forecast.flatMap { [$0.value.value, $0.lower, $0.upper] })
            .filter(\.isFinite)
        let timeRange = Self.range(times.min() ?? 0, times.max() ?? 0, minimumSpan: 60_000)
        let valueRange = Self.valueRange(values)
        let frame = Frame(time: timeRange, value: valueRange)

        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(Self.width))\" "
        out += "height=\"\(Int(Self.height))\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" "
        out += "font-family=\"sans-serif\" font-size=\"12\">\n"
        out += "<title>\(Self.escape(series.name))</title>\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        out += "<text x=\"\(Self.left)\" y=\"20\" font-size=\"14\">\(Self.escape(series.name))</text>\n"
        out += "<text x=\"\(Self.left)\" y=\"38\" fill=\"#555\">last hour (blue), forecast (orange), "
        out += "95% interval (shaded)\(note.isEmpty ? "" : "; " + Self.escape(note))</text>\n"
        out += axes(frame)
        if let last = history.last {
            // The last sample: history on the left, forecast on the right.
            let x = Self.coordinate(frame.x(last.time))
            out += "<line class=\"now\" x1=\"\(x)\" y1=\"\(Self.top)\" x2=\"\(x)\" y2=\"\(Self.height - Self.bottom)\" "
            out += "stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n"
        }
        if !forecast.isEmpty {
            let upper = forecast.map { frame.point($0.value.time, $0.upper) }
            let lower = forecast.reversed().map { frame.point($0.value.time, $0.lower) }
            out += "<path class=\"interval\" d=\"\(Self.polygon(upper + lower))\" fill=\"#ff7f0e\" "
            out += "fill-opacity=\"0.2\" stroke=\"none\"/>\n"
        }
        out += "<path class=\"series\" d=\"\(Self.line(history.map { frame.point($0.time, $0.value) }))\" "
        out += "fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\"/>\n"
        if !forecast.isEmpty {
            let path = Self.line(forecast.map { frame.point($0.value.time, $0.value.value) })
            out += "<path class=\"forecast\" d=\"\(path)\" fill=\"none\" stroke=\"#ff7f0e\" stroke-width=\"1.5\"/>\n"
        }
        out += "</svg>\n"
        return out
    }

    private func forecastPoints() -> [(value: Point, lower: Double, upper: Double)] {
        guard case .success(let output) = series.forecast,
            let forecast = try? output.fit.forecast(steps: steps, normalQuantile: HoltWintersForecast.normalQuantile95)
        else { return [] }
        let step = output.resampled.stepMilliseconds
        let last = output.resampled.startMilliseconds + Int64(output.resampled.values.count - 1) * step
        return forecast.values.indices.map { index in
            (
                Point(time: last + Int64(index + 1) * step, value: forecast.values[index]),
                forecast.lower[index], forecast.upper[index]
            )
        }
    }

    // MARK: Axes

    private func axes(_ frame: Frame) -> String {
        let plotBottom = Self.height - Self.bottom
        let plotRight = Self.width - Self.right
        var out = "<g class=\"axes\" stroke=\"#333\" stroke-width=\"1\">\n"
        out += "<line x1=\"\(Self.left)\" y1=\"\(plotBottom)\" x2=\"\(plotRight)\" y2=\"\(plotBottom)\"/>\n"
        out += "<line x1=\"\(Self.left)\" y1=\"\(Self.top)\" x2=\"\(Self.left)\" y2=\"\(plotBottom)\"/>\n"
        out += "</g>\n<g class=\"ticks\" fill=\"#333\">\n"
        for time in Self.timeTicks(frame.time) {
            let x = Self.coordinate(frame.x(time))
            out += "<line x1=\"\(x)\" y1=\"\(plotBottom)\" x2=\"\(x)\" y2=\"\(plotBottom + 5)\" stroke=\"#333\"/>\n"
            out += "<text x=\"\(x)\" y=\"\(plotBottom + 18)\" text-anchor=\"middle\">\(Self.clock(time))</text>\n"
        }
        for value in Self.valueTicks(frame.value) {
            let y = Self.coordinate(frame.y(value))
            let baseline = Self.coordinate(frame.y(value) + 4)
            out += "<line x1=\"\(Self.left - 5)\" y1=\"\(y)\" x2=\"\(plotRight)\" y2=\"\(y)\" stroke=\"#ddd\"/>\n"
            out += "<text x=\"\(Self.left - 8)\" y=\"\(baseline)\" text-anchor=\"end\">"
            out += "\(String(format: "%.10g", value))</text>\n"
        }
        out += "<text x=\"\((Self.left + plotRight) / 2)\" y=\"\(Self.height - 12)\" text-anchor=\"middle\">"
        out += "time (UTC)</text>\n"
        out += "<text x=\"16\" y=\"\((Self.top + plotBottom) / 2)\" text-anchor=\"middle\" "
        out += "transform=\"rotate(-90 16 \((Self.top + plotBottom) / 2))\">value</text>\n"
        out += "</g>\n"
        return out
    }

    /// Ticks every 1, 2, 5, 10, 15, 30 or 60 minutes (or whole hours), at most about eight.
    private static func timeTicks(_ range: ClosedRange<Double>) -> [Int64] {
        let minute = 60_000.0
        let span = range.upperBound - range.lowerBound
        let choices = [1.0, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map { $0 * minute }
        let step = choices.first { span / $0 <= 8 } ?? (span / 8 / minute).rounded(.up) * minute
        var ticks: [Int64] = []
        var tick = (range.lowerBound / step).rounded(.up) * step
        while tick <= range.upperBound, ticks.count < 50 {
            ticks.append(Int64(tick))
            tick += step
        }
        return ticks
    }

    /// Ticks at 1, 2 or 5 × 10ᵏ, about six.
    private static func valueTicks(_ range: ClosedRange<Double>) -> [Double] {
        let span = range.upperBound - range.lowerBound
        guard span > 0, span.isFinite else { return [range.lowerBound] }
        let raw = span / 6
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var ticks: [Double] = []
        var index = (range.lowerBound / step).rounded(.up)
        while index * step <= range.upperBound, ticks.count < 50 {
            ticks.append(index * step)
            index += 1
        }
        return ticks
    }

    /// `HH:MM` of a Unix time in milliseconds, UTC.
    private static func clock(_ milliseconds: Int64) -> String {
        let minutes = Int((milliseconds / 60_000) % 1440 + 1440) % 1440
        return String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    // MARK: Geometry

    /// Maps data units to SVG coordinates inside the margins.
    private struct Frame {
        var time: ClosedRange<Double>
        var value: ClosedRange<Double>

        func x(_ time: Int64) -> Double {
            ForecastPlot.left + (Double(time) - self.time.lowerBound) / (self.time.upperBound - self.time.lowerBound)
                * (ForecastPlot.width - ForecastPlot.left - ForecastPlot.right)
        }

        func y(_ value: Double) -> Double {
            ForecastPlot.height - ForecastPlot.bottom - (value - self.value.lowerBound)
                / (self.value.upperBound - self.value.lowerBound)
                * (ForecastPlot.height - ForecastPlot.top - ForecastPlot.bottom)
        }

        /// The SVG point, or `nil` for a value that is not finite (a gap in the line).
        func point(_ time: Int64, _ value: Double) -> (x: Double, y: Double)? {
            value.isFinite ? (x(time), y(value)) : nil
        }
    }

    private static func range(_ low: Int64, _ high: Int64, minimumSpan: Double) -> ClosedRange<Double> {
        let low = Double(low)
        let high = Double(high)
        return high - low >= minimumSpan ? low...high : low...(low + minimumSpan)
    }

    private static func valueRange(_ values: [Double]) -> ClosedRange<Double> {
        guard let low = values.min(), let high = values.max() else { return 0...1 }
        let pad = high > low ? (high - low) * 0.05 : Swift.max(abs(low) * 0.01, 1)
        return (low - pad)...(high + pad)
    }

    /// `M x y L x y …`, starting a new subpath after every gap.
    private static func line(_ points: [(x: Double, y: Double)?]) -> String {
        var out = ""
        var pen = "M"
        for point in points {
            guard let point else {
                pen = "M"
                continue
            }
            out += "\(out.isEmpty ? "" : " ")\(pen)\(coordinate(point.x)) \(coordinate(point.y))"
            pen = "L"
        }
        return out
    }

    /// A closed path through the finite points.
    private static func polygon(_ points: [(x: Double, y: Double)?]) -> String {
        let path = line(points.filter { $0 != nil })
        return path.isEmpty ? "" : path + " Z"
    }

    private static func coordinate(_ value: Double) -> String { String(format: "%.2f", value) }

    private static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
