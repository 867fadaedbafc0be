package import SibylWire

/// Parses one line of VictoriaMetrics' `/api/v1/export` answer:
/// `{"metric":{"__name__":"up","job":"node"},"values":[1,0.5,+Inf],"timestamps":[1700000000000,…]}`.
///
/// The line is untrusted: every fault is a thrown ``WireError`` (`invalid_response`), never a trap, and nothing is
/// allocated beyond what the line's bytes (bounded by the caller) can hold. Values are JSON numbers, or the bare
/// words VictoriaMetrics 1.79 writes (`+Inf`, `-Inf`, `NaN`), or the strings and `null` of later versions
/// (`"Infinity"`, `"-Infinity"`, `null`). VictoriaMetrics drops NaN values at ingestion except Prometheus'
/// staleness markers, so a NaN it exports is a staleness marker: it becomes ``Sample/staleNaN``, bit for bit.
package struct ExportLineParser {
    /// One parsed line.
    package struct Line: Sendable, Equatable {
        /// The labels as sent, `__name__` included, unsorted.
        package var labels: [Label]
        /// The samples, in the order sent.
        package var samples: [Sample]
    }

    /// How deeply an unknown key's value may nest before the line is refused.
    private static let maximumDepth = 16

    private let bytes: [UInt8]
    private var index = 0

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses `line` (without its newline).
    /// - Parameter line: the line's bytes.
    /// - Returns: its labels and samples.
    /// - Throws: ``WireError`` (`invalid_response`) naming the byte offset of the first fault.
    package static func parse(_ line: [UInt8]) throws(WireError) -> Line {
        var parser = ExportLineParser(line)
        return try parser.line()
    }

    private mutating func line() throws(WireError) -> Line {
        var labels: [Label]?
        var values: [Double]?
        var timestamps: [Int64]?
        try expect(UInt8(ascii: "{"))
        if try !consume(UInt8(ascii: "}")) {
            repeat {
                let key = try string()
                try expect(UInt8(ascii: ":"))
                switch key {
                case "metric" where labels == nil: labels = try metric()
                case "values" where values == nil:
                    values = try array { (parser) throws(WireError) in try parser.value() }
                case "timestamps" where timestamps == nil:
                    timestamps = try array { (parser) throws(WireError) in try parser.timestamp() }
                case "metric", "values", "timestamps": throw fault("\"\(key)\" given twice")
                default: try skipValue(depth: 0)
                }
            } while try consume(UInt8(ascii: ","))
            try expect(UInt8(ascii: "}"))
        }
        skipSpace()
        guard index == bytes.count else { throw fault("unexpected bytes after the object") }
        guard let labels, let values, let timestamps else {
            throw fault("\"metric\", \"values\" and \"timestamps\" are all required")
        }
        guard values.count == timestamps.count else {
            throw fault("\(values.count) values but \(timestamps.count) timestamps")
        }
        var samples: [Sample] = []
        samples.reserveCapacity(values.count)
        for (timestamp, value) in zip(timestamps, values) {
            samples.append(Sample(timestamp: timestamp, value: value.isNaN ? Sample.staleNaN : value))
        }
        return Line(labels: labels, samples: samples)
    }

    private mutating func metric() throws(WireError) -> [Label] {
        var labels: [Label] = []
        var names: Set<String> = []
        try expect(UInt8(ascii: "{"))
        if try consume(UInt8(ascii: "}")) { return labels }
        repeat {
            let name = try string()
            try expect(UInt8(ascii: ":"))
            let value = try string()
            guard names.insert(name).inserted else { throw fault("label \"\(name)\" given twice") }
            labels.append(Label(name, value))
        } while try consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
        return labels
    }

    private mutating func array<Element>(
        _ element: (inout ExportLineParser) throws(WireError) -> Element
    ) throws(WireError) -> [Element] {
        var elements: [Element] = []
        try expect(UInt8(ascii: "["))
        if try consume(UInt8(ascii: "]")) { return elements }
        repeat {
            elements.append(try element(&self))
        } while try consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
        return elements
    }

    /// A sample value: a number, a bare or quoted special word, or `null` (NaN).
    private mutating func value() throws(WireError) -> Double {
        skipSpace()
        let start = index
        let text: String
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
            text = try string()
        } else {
            while index < bytes.count, Self.isTokenByte(bytes[index]) { index += 1 }
            text = String(decoding: bytes[start..<index], as: UTF8.self)
        }
        switch text {
        case "NaN", "null": return .nan
        case "Inf", "+Inf", "Infinity", "+Infinity": return .infinity
        case "-Inf", "-Infinity": return -.infinity
        default:
            // Only JSON's number characters reach Double's parser, which also takes words and hex.
            guard !text.isEmpty, text.utf8.allSatisfy(Self.isNumberByte), let number = Double(text) else {
                index = start
                throw fault("not a sample value: \"\(text.prefix(32))\"")
            }
            return number
        }
    }

    /// A timestamp: a decimal integer of milliseconds.
    private mutating func timestamp() throws(WireError) -> Int64 {
        skipSpace()
        let start = index
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var magnitude: Int64 = 0
        var digits = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            let (scaled, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, carried) = scaled.addingReportingOverflow(Int64(bytes[index] - UInt8(ascii: "0")))
            guard !overflow, !carried else {
                index = start
                throw fault("timestamp out of range")
            }
            magnitude = sum
            digits += 1
            index += 1
        }
        guard digits > 0 else { throw fault("expected a timestamp in milliseconds") }
        return negative ? -magnitude : magnitude
    }

    /// A JSON string, escapes resolved; invalid UTF-8 is refused.
    private mutating func string() throws(WireError) -> String {
        try expect(UInt8(ascii: "\""))
        var text: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let string = String(validating: text, as: UTF8.self) else {
                    throw fault("a string is not valid UTF-8")
                }
                return string
            case UInt8(ascii: "\\"):
                try escape(into: &text)
            case 0..<0x20:
                throw fault("a control character inside a string")
            default:
                text.append(byte)
            }
        }
        throw fault("a string does not end")
    }

    /// The escape after a backslash, appended to `text` as UTF-8.
    private mutating func escape(into text: inout [UInt8]) throws(WireError) {
        guard index < bytes.count else { throw fault("a string does not end") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(byte)
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hexQuad()
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate must be followed by an escaped low one.
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw fault("a lone surrogate in a string") }
                index += 2
                let low = try hexQuad()
                guard (0xDC00..<0xE000).contains(low) else { throw fault("a lone surrogate in a string") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw fault("a lone surrogate in a string") }
            text.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw fault("an unknown escape in a string")
        }
    }

    private mutating func hexQuad() throws(WireError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fault("a string does not end") }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            guard let digit = Self.hexDigit(byte) else { throw fault("a bad \\u escape") }
            value = value << 4 | digit
        }
        index += 4
        return value
    }

    /// Skips the value of a key this parser does not use.
    private mutating func skipValue(depth: Int) throws(WireError) {
        guard depth < Self.maximumDepth else { throw fault("nested too deeply") }
        skipSpace()
        guard index < bytes.count else { throw fault("the line ends inside a value") }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            _ = try string()
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let isObject = bytes[index] == UInt8(ascii: "{")
            index += 1
            if try consume(isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) { return }
            repeat {
                if isObject {
                    _ = try string()
                    try expect(UInt8(ascii: ":"))
                }
                try skipValue(depth: depth + 1)
            } while try consume(UInt8(ascii: ","))
            try expect(isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        default:
            let start = index
            while index < bytes.count, Self.isTokenByte(bytes[index]) { index += 1 }
            guard index > start else { throw fault("expected a value") }
        }
    }

    private mutating func skipSpace() {
        while index < bytes.count,
            bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") || bytes[index] == 0x0D
        {
            index += 1
        }
    }

    /// Consumes `byte` after optional space if it is next.
    private mutating func consume(_ byte: UInt8) throws(WireError) -> Bool {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func expect(_ byte: UInt8) throws(WireError) {
        guard try consume(byte) else {
            throw fault("expected \"\(Character(Unicode.Scalar(byte)))\"")
        }
    }

    private func fault(_ message: String) -> WireError {
        .invalidResponse("export line, byte \(index): \(message)")
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            true
        default: false
        }
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "e"), UInt8(ascii: "E"):
            true
        default: false
        }
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
