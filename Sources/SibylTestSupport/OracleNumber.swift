/// A float from the oracle's JSON: a number, `null` for NaN, or `"Infinity"`/`"-Infinity"`.
public struct OracleNumber: Decodable, Sendable, Hashable {
    /// The decoded value.
    public var value: Double

    /// Decodes a number, `null` (NaN) or an infinity string.
    /// - Parameter decoder: the JSON decoder.
    /// - Throws: `DecodingError` for anything else.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = .nan
        } else if let number = try? container.decode(Double.self) {
            value = number
        } else {
            let text = try container.decode(String.self)
            switch text {
            case "Infinity": value = .infinity
            case "-Infinity": value = -.infinity
            case "NaN": value = .nan
            default:
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a float: \(text)")
            }
        }
    }
}

extension Array where Element == OracleNumber {
    /// The plain doubles.
    public var doubles: [Double] { map(\.value) }
}
