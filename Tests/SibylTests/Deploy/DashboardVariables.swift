import Foundation
import SibylTestSupport

/// Template variable values for dashboard queries, and their substitution as Grafana does it: `$name`, `${name}`,
/// `${name:format}` and `[[name]]`, plus Grafana's global `$__interval`, `$__rate_interval` and `$__range*`.
struct DashboardVariables {
    /// The dashboard's own variables, already formatted for PromQL.
    var values: [String: String] = [:]
    /// `$__interval`: the step of a range query.
    var interval = "15s"
    /// `$__rate_interval`: max(`$__interval` + scrape interval, 4 × scrape interval), at Grafana's 15 s default.
    var rateInterval = "1m"
    /// `$__range`, the dashboard's time range, in seconds.
    var rangeSeconds = 300

    /// Grafana's global variables.
    var globals: [String: String] {
        [
            "__interval": interval, "__rate_interval": rateInterval, "__range": "\(rangeSeconds)s",
            "__range_s": "\(rangeSeconds)", "__range_ms": "\(rangeSeconds * 1000)",
        ]
    }

    private static let reference = try? NSRegularExpression(
        pattern: #"\$\{([A-Za-z0-9_]+)(?::[^}]*)?\}|\$([A-Za-z0-9_]+)|\[\[([A-Za-z0-9_]+)\]\]"#)

    /// The names of the variables `text` refers to, in order.
    static func references(in text: String) -> [String] {
        let whole = NSRange(text.startIndex..., in: text)
        return (reference?.matches(in: text, range: whole) ?? []).compactMap { match in
            (1...3).lazy.compactMap { Range(match.range(at: $0), in: text).map { String(text[$0]) } }.first
        }
    }

    /// `text` with every variable reference replaced by its value.
    /// - Throws: ``FixtureError`` naming a variable that is neither defined nor global.
    func substitute(_ text: String) throws -> String {
        guard let reference = Self.reference else { throw FixtureError("bad variable pattern") }
        let all = globals.merging(values) { _, own in own }
        var out = ""
        var rest = text.startIndex
        for match in reference.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let whole = Range(match.range, in: text) else { continue }
            let name = (1...3).lazy.compactMap { Range(match.range(at: $0), in: text).map { String(text[$0]) } }.first
            guard let name, let value = all[name] else {
                throw FixtureError("unknown variable \(text[whole]) in \(text)")
            }
            out += text[rest..<whole.lowerBound] + value
            rest = whole.upperBound
        }
        return out + text[rest...]
    }

    /// A single value of a variable that is neither multi-valued nor "All": Grafana's `prometheusRegularEscape`.
    static func plain(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\\\'")
    }

    /// A value of a multi-valued or "All" variable, used inside `=~`: Grafana's `prometheusSpecialRegexEscape`.
    static func regex(_ value: String) -> String {
        var out = ""
        for character in value {
            if character == "\\" {
                out += "\\\\\\\\"
            } else if "$^*{}[]'+?.()|".contains(character) {
                out += "\\\\" + String(character)
            } else {
                out.append(character)
            }
        }
        return out
    }
}
