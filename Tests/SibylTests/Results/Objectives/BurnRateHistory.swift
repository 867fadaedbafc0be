import Foundation

@testable import Sibyl

/// A made-up error history of one SLI group, minute by minute, and the `sibyl_slo_burn_rate` series Sibyl would
/// expose for it: the input of the `promtool test rules` files for ``BurnRateAlertRules``.
///
/// Minute `i` of the history has a burn rate (its error ratio / (1 − target)); before minute 0 there were no errors.
/// At time `k` minutes, a window of `w` minutes has the mean burn rate of minutes `k − w ..< k`, as the engine's
/// error ratio over the window divided by the budget ratio is.
struct BurnRateHistory {
    /// The burn rate of each minute.
    let minutes: [Double]

    /// A history of consecutive phases, each a number of minutes at one burn rate.
    /// - Parameter phases: `(minutes, burnRate)`, oldest first.
    init(_ phases: [(minutes: Int, burnRate: Double)]) {
        minutes = phases.flatMap { Array(repeating: $0.burnRate, count: $0.minutes) }
    }

    /// The burn rate over a window at every minute from 0 to the end of the history (one more value than minutes).
    /// - Parameter window: the window in minutes.
    /// - Returns: the values, one a minute.
    func values(window: Int) -> [Double] {
        var prefix = [0.0]
        for burnRate in minutes { prefix.append(prefix[prefix.count - 1] + burnRate) }
        return (0...minutes.count).map { (prefix[$0] - prefix[max(0, $0 - window)]) / Double(window) }
    }

    /// `values` in promtool's expanding series notation: each run of a constant step as `a+bxn` (`a`, then `n` more
    /// values `b` apart), numbers with at most 10 decimals.
    /// - Parameter values: the series' values, one per interval.
    /// - Returns: e.g. `0+0.3333333333x60 19.66666667-0.3333333333x59`.
    static func notation(_ values: [Double]) -> String {
        var parts: [String] = []
        var start = 0
        while start < values.count {
            guard start + 1 < values.count else {
                parts.append(number(values[start]))
                break
            }
            let step = values[start + 1] - values[start]
            var end = start + 1
            while end + 1 < values.count, abs(values[end + 1] - values[end] - step) <= 1e-9 { end += 1 }
            let sign = step < 0 ? "-" : "+"
            parts.append("\(number(values[start]))\(sign)\(number(abs(step)))x\(end - start)")
            start = end + 1
        }
        return parts.joined(separator: " ")
    }

    /// The values promtool reads from ``notation(_:)``: each run expanded by adding its step again and again, as
    /// promtool's series parser does, so that a simulation on them compares exactly as the rules will.
    /// - Parameter notation: series values in expanding notation, as ``notation(_:)`` writes them.
    /// - Returns: the values, one per interval.
    static func expand(_ notation: String) -> [Double] {
        var values: [Double] = []
        for part in notation.split(separator: " ") {
            guard let times = part.firstIndex(of: "x"),
                let sign = part[part.index(after: part.startIndex)...].firstIndex(where: { $0 == "+" || $0 == "-" }),
                var value = Double(part[..<sign]), let step = Double(part[part.index(after: sign)..<times]),
                let count = Int(part[part.index(after: times)...])
            else {
                values.append(Double(part) ?? .nan)
                continue
            }
            let signed = part[sign] == "-" ? -step : step
            for _ in 0...count {
                values.append(value)
                value += signed
            }
        }
        return values
    }

    /// A value with at most 10 decimals, never in exponent form (promtool's series lexer wants plain numbers).
    static func number(_ value: Double) -> String {
        abs(value) < 1e-9 ? "0" : String(format: "%.10f", value).trimmingTrailingZeros()
    }

    /// The `input_series` entries for this history: one `sibyl_slo_burn_rate` series per window the rules read.
    /// - Parameters:
    ///   - objective: the objective's name.
    ///   - labels: the SLI group labels, rendered (`job="node",instance="host:9100"`).
    /// - Returns: YAML lines indented for a test's `input_series:`.
    func inputSeries(objective: String, labels: String) -> String {
        BurnRateAlertRules.windows.map { window in
            let values = values(window: Int(window.milliseconds / 60_000))
            return """
                      - series: 'sibyl_slo_burn_rate{objective="\(objective)",window="\(window)",\(labels)}'
                        values: "\(Self.notation(values))"

                """
        }.joined()
    }
}

extension String {
    /// The decimal number without trailing zeros after its point (and without the point when nothing follows it).
    fileprivate func trimmingTrailingZeros() -> String {
        guard contains(".") else { return self }
        var text = Substring(self)
        while text.hasSuffix("0") { text = text.dropLast() }
        if text.hasSuffix(".") { text = text.dropLast() }
        return String(text)
    }
}
