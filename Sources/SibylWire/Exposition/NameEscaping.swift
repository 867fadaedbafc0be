/// How names that are not legacy Prometheus names are written in an exposition.
///
/// A legacy label name matches `[a-zA-Z_][a-zA-Z0-9_]*`. Prometheus 3 accepts any UTF-8 name, and asks for it
/// with `escaping=allow-utf-8` in its `Accept` header; older scrapers get the names escaped.
public enum NameEscaping: String, Sendable, Hashable, CaseIterable {
    /// The `underscores` scheme: every character that a legacy name cannot hold (a digit only at the start)
    /// becomes `_`, so `service.name` is written `service_name`. The `Accept` value is `escaping=underscores`.
    case underscores = "underscores"
    /// Names written as they are, those that are not legacy names quoted as the text format 1.0.0 and OpenMetrics
    /// 1.0 allow: `{"service.name"="api"}`. The `Accept` value is `escaping=allow-utf-8`.
    case allowUTF8 = "allow-utf-8"

    /// Whether `name` matches `[a-zA-Z_][a-zA-Z0-9_]*`.
    /// - Parameter name: a label name.
    /// - Returns: `true` when no scraper needs it escaped or quoted.
    public static func isLegacyLabelName(_ name: String) -> Bool {
        var bytes = name.utf8.makeIterator()
        guard let first = bytes.next(), MetricName.isNameStart(first) else {
            return false
        }
        while let byte = bytes.next() {
            guard MetricName.isNameStart(byte) || isDigit(byte) else {
                return false
            }
        }
        return true
    }

    /// `name` under the `underscores` scheme: each Unicode scalar outside `[a-zA-Z0-9_]` (and a leading digit)
    /// replaced by `_`; a legacy name is returned as it is.
    ///
    /// This is prometheus/common's `EscapeName` with `UnderscoreEscaping`, except that a colon is escaped too,
    /// because a colon is valid in a metric name but not in a label name.
    /// - Parameter name: a label name.
    /// - Returns: the escaped name (empty for an empty name).
    public static func underscoreEscaped(_ name: String) -> String {
        if isLegacyLabelName(name) {
            return name
        }
        var escaped = String.UnicodeScalarView()
        for (position, scalar) in name.unicodeScalars.enumerated() {
            let isLetter = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
            let isDigit = ("0"..."9").contains(scalar)
            escaped.append(isLetter || (isDigit && position > 0) ? scalar : "_")
        }
        return String(escaped)
    }

    /// `[0-9]`.
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
