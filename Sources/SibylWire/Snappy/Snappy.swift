internal import CSnappy

/// Snappy *block* compression (not the framed format), as the remote-read and remote-write bodies use it.
///
/// Backed by the system libsnappy. Decompression reads the uncompressed length from the
/// block's preamble and checks it against a limit before allocating anything.
public enum Snappy {
    /// The default limit on a decompressed body: 32 MiB, Prometheus' `decodeReadLimit`.
    public static let defaultDecompressedLimit = 32 * 1024 * 1024

    /// Compresses `input` into one snappy block.
    /// - Parameter input: the uncompressed bytes.
    /// - Returns: the snappy block.
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        let capacity = snappy_max_compressed_length(input.count)
        var output = [UInt8](repeating: 0, count: capacity)
        var length = capacity
        let status = withCharacters(input, &output) { snappy_compress($0, input.count, $1, &length) }
        // Compression of any input into a buffer of snappy_max_compressed_length cannot fail.
        guard status == SNAPPY_OK else { return literalOnlyBlock(input) }
        output.removeSubrange(length...)
        return output
    }

    /// The uncompressed length a block declares in its preamble.
    /// - Parameter input: a snappy block.
    /// - Returns: the declared length.
    /// - Throws: `WireError.snappyCorrupt` when the preamble is not a valid uvarint.
    public static func uncompressedLength(of input: [UInt8]) throws(WireError) -> Int {
        var length = 0
        let status = input.withUnsafeBufferPointer { source in
            source.withMemoryRebound(to: CChar.self) { chars in
                snappy_uncompressed_length(chars.baseAddress ?? emptyCString, input.count, &length)
            }
        }
        guard status == SNAPPY_OK else {
            throw .snappyCorrupt("invalid length preamble in a snappy block of \(input.count) bytes")
        }
        return length
    }

    /// Decompresses one snappy block.
    /// - Parameters:
    ///   - input: the snappy block.
    ///   - limit: the largest uncompressed length accepted.
    /// - Returns: the uncompressed bytes.
    /// - Throws: `WireError.tooLarge` when the declared length exceeds `limit` (nothing is allocated then),
    ///   `WireError.snappyCorrupt` when the block is invalid.
    public static func decompress(_ input: [UInt8], limit: Int = defaultDecompressedLimit) throws(WireError) -> [UInt8]
    {
        let declared = try uncompressedLength(of: input)
        guard declared <= limit else {
            throw .tooLarge("snappy block declares \(declared) bytes, over the limit of \(limit)")
        }
        guard declared > 0 else {
            // An empty block is the single preamble byte 0; anything after it is garbage.
            guard input.count == 1 else { throw .snappyCorrupt("empty snappy block followed by data") }
            return []
        }
        var output = [UInt8](repeating: 0, count: declared)
        var length = declared
        let status = withCharacters(input, &output) { snappy_uncompress($0, input.count, $1, &length) }
        guard status == SNAPPY_OK, length == declared else {
            throw .snappyCorrupt("corrupt snappy block of \(input.count) bytes (declared length \(declared))")
        }
        return output
    }

    /// Calls `body` with `input` and `output` seen as C character buffers, as libsnappy takes them.
    private static func withCharacters(
        _ input: [UInt8], _ output: inout [UInt8],
        _ body: (UnsafePointer<CChar>, UnsafeMutablePointer<CChar>?) -> snappy_status
    ) -> snappy_status {
        input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                source.withMemoryRebound(to: CChar.self) { sourceChars in
                    destination.withMemoryRebound(to: CChar.self) { destinationChars in
                        body(sourceChars.baseAddress ?? emptyCString, destinationChars.baseAddress)
                    }
                }
            }
        }
    }

    /// A valid block made of literal elements only; the fallback encoder (Prometheus accepts it).
    static func literalOnlyBlock(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count + input.count / 60 + 10)
        Varint.appendUnsigned(UInt64(input.count), to: &output)
        var start = 0
        while start < input.count {
            let end = min(start + 65536, input.count)
            let length = UInt32(end - start - 1)
            if length < 60 {
                output.append(UInt8(length << 2))
            } else if length < 256 {
                output.append(60 << 2)
                output.append(UInt8(length))
            } else if length < 65536 {
                output.append(61 << 2)
                output.append(UInt8(truncatingIfNeeded: length))
                output.append(UInt8(truncatingIfNeeded: length >> 8))
            } else {
                output.append(62 << 2)
                output.append(UInt8(truncatingIfNeeded: length))
                output.append(UInt8(truncatingIfNeeded: length >> 8))
                output.append(UInt8(truncatingIfNeeded: length >> 16))
            }
            output.append(contentsOf: input[start..<end])
            start = end
        }
        return output
    }
}

/// A valid pointer for empty buffers, whose `baseAddress` is nil.
nonisolated(unsafe) private let emptyCString: UnsafePointer<CChar> = {
    let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
    pointer.initialize(to: 0)
    return UnsafePointer(pointer)
}()
