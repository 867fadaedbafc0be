/// The two response types of remote read.
public enum RemoteReadResponseType: Sendable, Hashable, CaseIterable {
    /// One snappy-compressed `ReadResponse` with raw samples.
    case samples
    /// A stream of CRC-framed `ChunkedReadResponse` messages holding XOR chunks.
    case streamedXORChunks

    /// The `Content-Type` of a SAMPLES response.
    public static let samplesContentType = "application/x-protobuf"
    /// The `Content-Type` of a STREAMED_XOR_CHUNKS response.
    public static let streamedContentType =
        "application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse"

    /// The response type a `Content-Type` header announces, or `nil` for anything else.
    /// - Parameter contentType: the header value.
    /// - Returns: the type.
    public init?(contentType: String) {
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map {
            $0.trimmingSpaces.lowercased()
        }
        switch mediaType {
        case "application/x-protobuf": self = .samples
        case "application/x-streamed-protobuf": self = .streamedXORChunks
        default: return nil
        }
    }
}

extension Substring {
    /// The substring without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
