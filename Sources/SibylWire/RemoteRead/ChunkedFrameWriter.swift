/// Writes streamed remote-read frames: `uvarint(len) ‖ crc32c(msg) big-endian ‖ msg`.
public enum ChunkedFrameWriter {
    /// Appends one frame holding `message` to `output`.
    /// - Parameters:
    ///   - message: a serialized `ChunkedReadResponse`.
    ///   - output: the body being built.
    public static func appendFrame(_ message: [UInt8], to output: inout [UInt8]) {
        Varint.appendUnsigned(UInt64(message.count), to: &output)
        let crc = message.withUnsafeBytes { CRC32C.checksum($0) }
        output.append(UInt8(truncatingIfNeeded: crc >> 24))
        output.append(UInt8(truncatingIfNeeded: crc >> 16))
        output.append(UInt8(truncatingIfNeeded: crc >> 8))
        output.append(UInt8(truncatingIfNeeded: crc))
        output.append(contentsOf: message)
    }

    /// One frame holding `message`.
    /// - Parameter message: a serialized `ChunkedReadResponse`.
    /// - Returns: the frame bytes.
    public static func frame(_ message: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.count + 14)
        appendFrame(message, to: &output)
        return output
    }
}
