extension SelectorParser {
    /// Reads a string literal at `index` (on its opening quote) and returns its value.
    ///
    /// Double- and single-quoted strings take Go escapes (`\a \b \f \n \r \t \v \\`, the string's own quote,
    /// `\ooo`, `\xHH`, `\uHHHH`, `\UHHHHHHHH`) and may not contain a line feed; backtick strings are raw
    /// (carriage returns dropped, as in Go). Octal and `\x` escapes are bytes, and the result must be valid UTF-8.
    mutating func scanString() throws(SelectorParseError) -> String {
        let open = index
        let quote = bytes[index]
        index += 1
        let contentStart = index
        if quote == UInt8(ascii: "`") {
            while let byte = peek(), byte != quote {
                index += 1
            }
            guard peek() != nil else {
                throw failure(.invalidString, at: open, "unterminated raw string (expected closing \"`\")")
            }
            index += 1
            // As in Go, carriage returns inside a raw string are discarded.
            let content = bytes[contentStart..<(index - 1)].lazy.filter { $0 != UInt8(ascii: "\r") }
            return String(decoding: content, as: UTF8.self)
        }
        var value: [UInt8] = []
        var escaped = false
        while true {
            guard let byte = peek(), byte != UInt8(ascii: "\n") else {
                let closing = PromQLText.quoted(String(decoding: [quote], as: UTF8.self))
                throw failure(.invalidString, at: open, "unterminated quoted string (expected closing \(closing))")
            }
            if byte == quote {
                index += 1
                break
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                try scanEscape(quote: quote, into: &value)
            } else {
                value.append(byte)
                index += 1
            }
        }
        guard escaped else {
            return String(decoding: bytes[contentStart..<(index - 1)], as: UTF8.self)
        }
        guard let text = String(validating: value, as: UTF8.self) else {
            throw failure(.invalidString, at: open, "string is not valid UTF-8 after unescaping")
        }
        return text
    }

    /// Reads one escape sequence at `index` (on the backslash) and appends its bytes.
    private mutating func scanEscape(quote: UInt8, into value: inout [UInt8]) throws(SelectorParseError) {
        let start = index
        index += 1
        guard let letter = peek() else {
            throw failure(.invalidString, at: start, "escape sequence not terminated")
        }
        index += 1
        let digitCount: Int
        let base: UInt32
        let maximum: UInt32
        switch letter {
        case UInt8(ascii: "a"):
            value.append(0x07)
            return
        case UInt8(ascii: "b"):
            value.append(0x08)
            return
        case UInt8(ascii: "f"):
            value.append(0x0C)
            return
        case UInt8(ascii: "n"):
            value.append(0x0A)
            return
        case UInt8(ascii: "r"):
            value.append(0x0D)
            return
        case UInt8(ascii: "t"):
            value.append(0x09)
            return
        case UInt8(ascii: "v"):
            value.append(0x0B)
            return
        case UInt8(ascii: "\\"), quote:
            value.append(letter)
            return
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            index -= 1
            (digitCount, base, maximum) = (3, 8, 0xFF)
        case UInt8(ascii: "x"): (digitCount, base, maximum) = (2, 16, 0xFF)
        case UInt8(ascii: "u"): (digitCount, base, maximum) = (4, 16, 0x10_FFFF)
        case UInt8(ascii: "U"): (digitCount, base, maximum) = (8, 16, 0x10_FFFF)
        default:
            let found = describeCharacter(at: index - 1)
            throw failure(.invalidString, at: start, "unknown escape sequence: \(found) after a backslash")
        }
        var code: UInt32 = 0
        for _ in 0..<digitCount {
            guard let byte = peek(), let digit = Self.digitValue(byte), digit < base else {
                let kind = base == 8 ? "octal" : "hexadecimal"
                throw unexpected("\(kind) digit in escape sequence")
            }
            code = code * base + digit
            index += 1
        }
        guard code <= maximum, !(0xD800..<0xE000).contains(code) else {
            throw failure(.invalidString, at: start, "escape sequence is an invalid Unicode code point")
        }
        if letter == UInt8(ascii: "u") || letter == UInt8(ascii: "U") {
            guard let scalar = Unicode.Scalar(code) else {
                throw failure(.invalidString, at: start, "escape sequence is an invalid Unicode code point")
            }
            value.append(contentsOf: String(Character(scalar)).utf8)
        } else {
            value.append(UInt8(truncatingIfNeeded: code))
        }
    }

    /// The value of a hexadecimal digit, or `nil`.
    private static func digitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
