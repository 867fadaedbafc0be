/// A malformed or oversized input to one of the wire decoders; names what was wrong and where.
///
/// `shortDescription` is a bounded reason, safe as a metric label value.
public struct WireError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: String, Sendable, Hashable, CaseIterable {
        case snappyCorrupt = "snappy_corrupt"
        case tooLarge = "too_large"
        case truncated = "truncated"
        case checksumMismatch = "checksum_mismatch"
        case invalidProtobuf = "invalid_protobuf"
        case invalidChunk = "invalid_chunk"
        case unsupportedEncoding = "unsupported_encoding"
        case invalidResponse = "invalid_response"
    }

    private let code: Code
    /// What exactly was wrong, with the byte offset or index where it applies.
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The bytes are not a valid snappy block.
    public static func snappyCorrupt(_ message: String) -> Self { Self(.snappyCorrupt, message) }
    /// A declared length exceeds the configured limit (checked before allocating).
    public static func tooLarge(_ message: String) -> Self { Self(.tooLarge, message) }
    /// The input ends before a complete value.
    public static func truncated(_ message: String) -> Self { Self(.truncated, message) }
    /// A frame's CRC-32C does not match its message.
    public static func checksumMismatch(_ message: String) -> Self { Self(.checksumMismatch, message) }
    /// The bytes do not parse as the expected protobuf message.
    public static func invalidProtobuf(_ message: String) -> Self { Self(.invalidProtobuf, message) }
    /// An XOR chunk is internally inconsistent.
    public static func invalidChunk(_ message: String) -> Self { Self(.invalidChunk, message) }
    /// A chunk encoding or response type Sibyl does not decode.
    public static func unsupportedEncoding(_ message: String) -> Self { Self(.unsupportedEncoding, message) }
    /// The response breaks the protocol (e.g. a query index out of range).
    public static func invalidResponse(_ message: String) -> Self { Self(.invalidResponse, message) }

    /// The same error with `context` in front of its message (e.g. which frame and chunk).
    /// - Parameter context: where the error happened.
    /// - Returns: the error with the longer message.
    public func prefixed(_ context: String) -> Self { Self(code, "\(context): \(message)") }

    /// A bounded reason (`snappy_corrupt`, `truncated`, …), usable as a metric label value.
    public var shortDescription: String { code.rawValue }

    /// Every ``shortDescription`` a wire error can have.
    public static let reasons = Code.allCases.map(\.rawValue)

    /// The reason and the message.
    public var description: String { "\(code.rawValue): \(message)" }
}
