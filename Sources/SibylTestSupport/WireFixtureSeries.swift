import Foundation
public import SibylWire

/// A series from the JSON of the wire fixtures, `Tests/Fixtures/remote-read/` and `remote-write/` (labels as
/// `[name, value]` pairs, samples as `[ms, value]`).
///
/// Values are exact bits: from `value_bits` when the file gives them, else from the JSON value,
/// where the strings `NaN`, `StaleNaN`, `+Inf`, `-Inf` and `-0` name special values.
public struct WireFixtureSeries: Sendable {
    /// Label pairs in file order.
    public var labels: [(String, String)]
    /// `(timestamp ms, value bits)` pairs.
    public var samples: [(Int64, UInt64)]

    /// Reads one series object.
    /// - Parameter object: the decoded JSON object with `labels`, `samples` and optionally `value_bits`.
    /// - Throws: ``FixtureError`` for an unexpected shape.
    public init(_ object: Any) throws {
        guard let dictionary = object as? [String: Any],
            let labelPairs = dictionary["labels"] as? [[String]],
            let samplePairs = dictionary["samples"] as? [[Any]]
        else { throw FixtureError("not a fixture series: \(object)") }
        labels = try labelPairs.map { pair in
            guard pair.count == 2 else { throw FixtureError("bad label pair \(pair)") }
            return (pair[0], pair[1])
        }
        let bits = (dictionary["value_bits"] as? [String])?.map { UInt64($0.dropFirst(2), radix: 16) }
        samples = try samplePairs.enumerated().map { index, pair in
            guard pair.count == 2, let timestamp = (pair[0] as? NSNumber)?.int64Value else {
                throw FixtureError("bad sample \(pair)")
            }
            if let bits, index < bits.count, let exact = bits[index] { return (timestamp, exact) }
            return (timestamp, try Self.bits(of: pair[1]))
        }
    }

    /// The series with its labels and bit-exact samples.
    public var timeSeries: TimeSeries {
        TimeSeries(
            labels: labels.map { Label($0.0, $0.1) },
            samples: samples.map { Sample(timestamp: $0.0, value: Double(bitPattern: $0.1)) }
        )
    }

    /// The bits of a JSON value or special-value string.
    static func bits(of value: Any) throws -> UInt64 {
        if let text = value as? String {
            switch text {
            case "NaN": return 0x7ff8_0000_0000_0001
            case "StaleNaN": return 0x7ff0_0000_0000_0002
            case "+Inf": return Double.infinity.bitPattern
            case "-Inf": return (-Double.infinity).bitPattern
            case "-0": return (-0.0 as Double).bitPattern
            default: throw FixtureError("unknown special value \(text)")
            }
        }
        guard let number = value as? NSNumber else { throw FixtureError("bad value \(value)") }
        return number.doubleValue.bitPattern
    }

    /// Reads a JSON file of the fixtures.
    /// - Parameter relativePath: path below `Tests/Fixtures/`.
    /// - Returns: the decoded JSON.
    /// - Throws: when the file cannot be read or parsed.
    public static func json(_ relativePath: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Fixtures.data(relativePath))
    }
}
