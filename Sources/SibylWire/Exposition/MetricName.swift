/// A metric name checked against `[a-zA-Z_:][a-zA-Z0-9_:]*`.
public struct MetricName: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The name.
    public let rawValue: String

    /// Validates a metric name.
    /// - Parameter name: the name, such as `sibyl_window_max`.
    /// - Throws: ``ExpositionError`` (`.invalidMetricName`) naming the name.
    public init(_ name: String) throws(ExpositionError) {
        guard Self.isValid(name) else {
            throw ExpositionError(.invalidMetricName, "invalid metric name \(String(reflecting: name))")
        }
        rawValue = name
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
