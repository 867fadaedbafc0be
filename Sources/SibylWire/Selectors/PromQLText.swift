/// Character classes and string quoting shared by the selector parser and renderer.
enum PromQLText {
    /// `[a-zA-Z_]`.
    static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    /// `[a-zA-Z0-9_]`.
    static func isNameContinuation(_ byte: UInt8) -> Bool {
        isNameStart(byte) || isDigit(byte)
    }

    /// `[0-9]`.
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// PromQL whitespace: space, tab, line feed, carriage return.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    /// Whether `name` matches `[a-zA-Z_][a-zA-Z0-9_]*`.
    static func isLabelName(_ name: String) -> Bool {
        var bytes = name.utf8.makeIterator()
        guard let first = bytes.next(), isNameStart(first) else {
            return false
        }
        while let byte = bytes.next() {
            guard isNameContinuation(byte) else {
                return false
            }
        }
        return true
    }

    /// `name` as it stands before an operator: bare when it matches `[a-zA-Z_][a-zA-Z0-9_]*`, else quoted.
    static func labelName(_ name: String) -> String {
        isLabelName(name) ? name : quoted(name)
    }

    /// Whether `name` can stand before the braces: `[a-zA-Z_:][a-zA-Z0-9_:]*`, and not a number keyword.
    static func isPlainMetricName(_ name: String) -> Bool {
        var bytes = name.utf8.makeIterator()
        guard let first = bytes.next(), isNameStart(first) || first == UInt8(ascii: ":") else {
            return false
        }
        while let byte = bytes.next() {
            guard isNameContinuation(byte) || byte == UInt8(ascii: ":") else {
                return false
            }
        }
        return !isNumberKeyword(name)
    }

    /// `Inf` and `NaN` in any case: PromQL lexes them as numbers, never as metric names.
    static func isNumberKeyword(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered == "inf" || lowered == "nan"
    }

    /// `text` as a double-quoted PromQL string, escaping `\`, `"` and control characters.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{07}": result += "\\a"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case "\u{0B}": result += "\\v"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\x" + hex(scalar.value, digits: 2)
                } else if (0x80..<0xA0).contains(scalar.value) {
                    result += "\\u" + hex(scalar.value, digits: 4)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        result += "\""
        return result
    }

    /// `value` in upper-case hexadecimal, zero-padded to `digits`.
    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
