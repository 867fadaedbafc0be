/// A metric name: a legacy one checked against `[a-zA-Z_:][a-zA-Z0-9_:]*`, or (``init(utf8:)``) any non-empty
/// UTF-8 name, which the writer escapes or quotes as the format's ``NameEscaping`` says.
public struct MetricName: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The name.
    public let rawValue: String
    /// Whether the name matches `[a-zA-Z_:][a-zA-Z0-9_:]*`, so that every format writes it as it is.
    public let isLegacy: Bool

    /// Validates a legacy metric name.
    /// - Parameter name: the name, such as `sibyl_window_max`.
    /// - Throws: ``ExpositionError`` (`.invalidMetricName`) naming the name.
    public init(_ name: String) throws(ExpositionError) {
        guard Self.isValid(name) else {
            throw ExpositionError(.invalidMetricName, "invalid metric name \(String(reflecting: name))")
        }
        rawValue = name
        isLegacy = true
    }

    /// Accepts any non-empty name (Prometheus 3), such as `http.server.duration`.
    /// - Parameter name: the name.
    /// - Throws: ``ExpositionError`` (`.invalidMetricName`) for an empty name.
    public init(utf8 name: String) throws(ExpositionError) {
        guard !name.isEmpty else {
            throw ExpositionError(.invalidMetricName, "invalid metric name \"\" (empty)")
        }
        rawValue = name
        isLegacy = Self.isValid(name)
    }

    /// The name under the `underscores` scheme: each Unicode scalar outside `[a-zA-Z0-9_:]` (and a leading digit)
    /// replaced by `_`, as prometheus/common's `EscapeName` does; a legacy name as it is.
    public var underscoreEscaped: String {
        isLegacy ? rawValue : Self.underscoreEscaped(rawValue)
    }

    /// `name` with each Unicode scalar outside `[a-zA-Z0-9_:]` (and a leading digit) replaced by `_`.
    static func underscoreEscaped(_ name: String) -> String {
        var escaped = String.UnicodeScalarView()
        for (position, scalar) in name.unicodeScalars.enumerated() {
            let isLetter =
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || scalar == ":"
            let isDigit = ("0"..."9").contains(scalar)
            escaped.append(isLetter || (isDigit && position > 0) ? scalar : "_")
        }
        return String(escaped)
    }

    /// The name.
    public var description: String { rawValue }

    /// Orders names by their bytes, as Prometheus does.
    /// - Parameters:
    ///   - lhs: a name.
    ///   - rhs: another name.
    /// - Returns: whether `lhs` sorts first.
    public static func < (lhs: MetricName, rhs: MetricName) -> Bool {
        lhs.rawValue.utf8.lexicographicallyPrecedes(rhs.rawValue.utf8)
    }

    /// Whether `name` matches `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    /// - Parameter name: the candidate.
    /// - Returns: `true` for a valid metric name.
    public static func isValid(_ name: String) -> Bool {
        var bytes = name.utf8.makeIterator()
        guard let first = bytes.next(), isNameStart(first) || first == UInt8(ascii: ":") else {
            return false
        }
        while let byte = bytes.next() {
            guard isNameStart(byte) || byte == UInt8(ascii: ":") || (byte >= 0x30 && byte <= 0x39) else {
                return false
            }
        }
        return true
    }

    /// `[a-zA-Z_]`.
    static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }
}
