/// A JSON value that keeps its keys in the order they were written, for `sibyl analyze --format json`.
///
/// Numbers are written with Swift's shortest round-trip spelling, so parsing them gives the identical double;
/// NaN and ±∞, which JSON cannot hold, are written as the strings `"NaN"`, `"+Inf"` and `"-Inf"`, the way
/// Prometheus' HTTP API spells sample values.
indirect enum AnalyzeJSON: Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer.
    case integer(Int)
    /// A double (non-finite values become strings).
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([AnalyzeJSON])
    /// An object with keys in this order.
    case object([(String, AnalyzeJSON)])

    /// `{"skipped": reason}`, the shape of a component that could not be computed.
    /// - Parameter reason: why it was skipped.
    /// - Returns: the object.
    static func skipped(_ reason: String) -> AnalyzeJSON { .object([("skipped", .string(reason))]) }

    /// An array of doubles.
    /// - Returns: the array.
    static func numbers(_ values: [Double]) -> AnalyzeJSON { .array(values.map(AnalyzeJSON.number)) }

    /// The text, indented by two spaces per level.
    var text: String {
        var out = ""
        write(to: &out, indent: 0)
        return out
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .integer(let value): out += String(value)
        case .number(let value): out += Self.numberText(value)
        case .string(let value): Self.quote(value, to: &out)
        case .array(let elements):
            if elements.isEmpty {
                out += "[]"
                return
            }
            // Arrays of scalars stay on one line.
            if elements.allSatisfy(\.isScalar) {
                out += "["
                for (index, element) in elements.enumerated() {
                    if index > 0 { out += ", " }
                    element.write(to: &out, indent: indent)
                }
                out += "]"
                return
            }
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                element.write(to: &out, indent: indent + 2)
                out += index + 1 < elements.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                Self.quote(key, to: &out)
                out += ": "
                value.write(to: &out, indent: indent + 2)
                out += index + 1 < members.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    private static func numberText(_ value: Double) -> String {
        if value.isNaN { return "\"NaN\"" }
        if value.isInfinite { return value > 0 ? "\"+Inf\"" : "\"-Inf\"" }
        return "\(value)"
    }

    private static func quote(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
