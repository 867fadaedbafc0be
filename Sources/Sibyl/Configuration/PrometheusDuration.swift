/// A duration in Prometheus syntax: `90s`, `5m`, `1h30m`, `250ms`, `2d`, `1w`, `1y`.
///
/// Units are `ms`, `s`, `m`, `h`, `d` (24 h), `w` (7 d) and `y` (365 d), each at most once and in
/// descending order, as Prometheus' `model.ParseDuration` requires; `0` alone is zero.
package struct PrometheusDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The length in milliseconds.
    package var milliseconds: Int64

    /// Creates a duration from milliseconds.
    /// - Parameter milliseconds: the length.
    package init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    private static let units: [(String, Int64)] = [
        ("y", 365 * 86_400_000), ("w", 7 * 86_400_000), ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000),
        ("s", 1000), ("ms", 1),
    ]

    /// Parses Prometheus duration syntax.
    /// - Parameter text: e.g. `1h30m`.
    /// - Throws: ``DurationParseError`` naming the problem.
    package init(parsing text: String) throws(DurationParseError) {
        if text == "0" {
            milliseconds = 0
            return
        }
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw DurationParseError(text: text, reason: "empty duration") }
        var index = 0
        var total: Int64 = 0
        var lastUnit = -1
        while index < bytes.count {
            var number: Int64 = 0
            let digitsStart = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                let (product, overflow1) = number.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = product.addingReportingOverflow(Int64(bytes[index] - 48))
                guard !overflow1, !overflow2 else {
                    throw DurationParseError(text: text, reason: "duration out of range")
                }
                number = sum
                index += 1
            }
            guard index > digitsStart else {
                throw DurationParseError(text: text, reason: "expected a number at position \(index + 1)")
            }
            let unitStart = index
            while index < bytes.count, !(bytes[index] >= 48 && bytes[index] <= 57) { index += 1 }
            let unit = String(decoding: bytes[unitStart..<index], as: UTF8.self)
            guard let position = Self.units.firstIndex(where: { $0.0 == unit }) else {
                let shown = unit.isEmpty ? "no unit" : "unknown unit \"\(unit)\""
                throw DurationParseError(text: text, reason: "\(shown) (use ms, s, m, h, d, w or y)")
            }
            guard position > lastUnit else {
                throw DurationParseError(text: text, reason: "units must appear once each, largest first")
            }
            lastUnit = position
            let (scaled, overflow1) = number.multipliedReportingOverflow(by: Self.units[position].1)
            let (sum, overflow2) = total.addingReportingOverflow(scaled)
            guard !overflow1, !overflow2 else { throw DurationParseError(text: text, reason: "duration out of range") }
            total = sum
        }
        milliseconds = total
    }

    /// The duration as a Swift `Duration`.
    package var duration: Duration { .milliseconds(milliseconds) }

    /// Orders by length.
    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.milliseconds < rhs.milliseconds }

    /// The canonical Prometheus text (`1h30m`, `90ms`, `0s`).
    package var description: String {
        guard milliseconds != 0 else { return "0s" }
        guard milliseconds > 0 else { return "-" + Self(milliseconds: 0 &- max(milliseconds, -Int64.max)).description }
        var rest = milliseconds
        var text = ""
        for (unit, size) in Self.units where rest >= size {
            text += "\(rest / size)\(unit)"
            rest %= size
        }
        return text
    }
}

/// A duration that is not valid Prometheus syntax.
package struct DurationParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text that failed to parse.
    package let text: String
    /// What is wrong with it.
    package let reason: String

    /// `not a valid duration "…": reason`.
    package var description: String { "not a valid duration \"\(text)\": \(reason)" }
}
