public import SibylWire

/// Builds `ChunkedReadResponse` frames (and the protobuf of SAMPLES responses) byte by byte, for what a well-behaved encoder cannot write: label bytes
/// that are not UTF-8, a million labels, chunks far denser than any scrape.
public enum CraftedChunkedResponse {
    /// A length-delimited protobuf field.
    public static func field(_ number: Int, _ payload: [UInt8]) -> [UInt8] {
        varint(UInt64(number) << 3 | 2) + varint(UInt64(payload.count)) + payload
    }

    /// A varint protobuf field.
    public static func field(_ number: Int, varint value: UInt64) -> [UInt8] {
        varint(UInt64(number) << 3) + varint(value)
    }

    /// A fixed64 protobuf field (a `double` as its bit pattern).
    public static func field(_ number: Int, fixed64 value: UInt64) -> [UInt8] {
        varint(UInt64(number) << 3 | 1) + (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    /// A `Label` with raw name and value bytes.
    public static func label(_ name: [UInt8], _ value: [UInt8]) -> [UInt8] {
        field(1, name) + field(2, value)
    }

    /// A `Label` with text name and value.
    public static func label(_ name: String, _ value: String) -> [UInt8] {
        label(Array(name.utf8), Array(value.utf8))
    }

    /// An XOR `Chunk` of `samples` (at most 65,535).
    public static func chunk(_ samples: [Sample]) throws -> [UInt8] {
        field(1, varint: UInt64(bitPattern: samples.first?.timestamp ?? 0))
            + field(2, varint: UInt64(bitPattern: samples.last?.timestamp ?? 0)) + field(3, varint: 1)
            + field(4, try XORChunkEncoder.encode(samples))
    }

    /// A `Chunk` of any encoding number and data.
    public static func chunk(encoding: UInt64, data: [UInt8], minTime: Int64 = 0, maxTime: Int64 = 0) -> [UInt8] {
        field(1, varint: UInt64(bitPattern: minTime)) + field(2, varint: UInt64(bitPattern: maxTime))
            + field(3, varint: encoding) + field(4, data)
    }

    /// A `ChunkedSeries` of encoded labels and chunks.
    public static func series(labels: [[UInt8]], chunks: [[UInt8]]) -> [UInt8] {
        labels.flatMap { field(1, $0) } + chunks.flatMap { field(2, $0) }
    }

    /// One frame (length, CRC, message) of a `ChunkedReadResponse` holding `series` for query `queryIndex`.
    public static func frame(_ series: [[UInt8]], queryIndex: Int = 0) -> [UInt8] {
        ChunkedFrameWriter.frame(series.flatMap { field(1, $0) } + field(2, varint: UInt64(queryIndex)))
    }

    private static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
        return bytes
    }
}
