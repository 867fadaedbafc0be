import SibylWire

/// One archived value at one cycle, written in JSON as Prometheus writes a sample: `[1795784400.5, "0.25"]`,
/// the time in Unix seconds and the value as Go formats it (`NaN`, `+Inf`, `1e+06`), which reads back bit for bit
/// (a NaN's payload aside).
package struct ResultSample: Sendable, Hashable, Codable {
    /// The cycle's evaluation time, in Unix milliseconds.
    package var time: Int64
    /// The value.
    package var value: Double

    /// Creates a sample.
    /// - Parameters:
    ///   - time: the evaluation time in Unix milliseconds.
    package init(time: Int64, value: Double) {
        self.time = time
        self.value = value
    }

    /// Encodes `[seconds, "value"]`.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(Double(time) / 1000)
        try container.encode(GoFloatFormat.string(value))
    }

    /// Decodes `[seconds, "value"]`.
    package init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        let seconds = try container.decode(Double.self)
        let text = try container.decode(String.self)
        guard seconds.isFinite, abs(seconds) < 1e14, let value = Self.value(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a sample: [\(seconds), \(String(reflecting: text))]")
        }
        time = Int64((seconds * 1000).rounded())
        self.value = value
    }

    /// A value as Prometheus' API writes it, back as a double.
    /// - Parameter text: `0.25`, `1e+06`, `NaN`, `+Inf`, `-Inf`.
    /// - Returns: the value, or `nil` for other text.
    package static func value(_ text: String) -> Double? {
        switch text {
        case "NaN": .nan
        case "+Inf": .infinity
        case "-Inf": -.infinity
        default: text.utf8.allSatisfy({ numberBytes.contains($0) }) ? Double(text) : nil
        }
    }

    private static let numberBytes = Set("0123456789.-+e".utf8)
}
