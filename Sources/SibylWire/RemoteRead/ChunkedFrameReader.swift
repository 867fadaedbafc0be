/// Splits a streamed remote-read body into frames: `uvarint(len) ‖ crc32c(msg) big-endian ‖ msg`.
///
/// Feed bytes as they arrive with ``append(_:)`` and take complete messages with ``next()``.
/// The declared length is checked against ``frameLimit`` before the reader waits for or keeps
/// the message, so memory stays bounded by the limit whatever the body's size. The same
/// framing as Prometheus' `storage/remote/chunked.go`.
public struct ChunkedFrameReader: Sendable {
    /// Prometheus' `DefaultChunkedReadLimit`: 50,000,000 bytes.
    public static let defaultFrameLimit = 50_000_000

    /// The largest message accepted.
    public let frameLimit: Int
    private var buffer: [UInt8] = []
    private var start = 0
    /// Bytes consumed by complete frames so far (the offset of the next frame in the body).
    public private(set) var offset = 0
    /// Frames returned so far.
    public private(set) var frames = 0

    /// Creates a reader.
    /// - Parameter frameLimit: the largest message accepted.
    public init(frameLimit: Int = defaultFrameLimit) {
        self.frameLimit = frameLimit
    }

    /// Adds bytes received from the body.
    /// - Parameter bytes: the next bytes of the body.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Bytes received but not yet returned as part of a frame.
    public var bufferedByteCount: Int { buffer.count - start }

    /// Returns the next complete message, or `nil` when more bytes are needed.
    /// - Returns: the message bytes (CRC checked), or `nil`.
    /// - Throws: `WireError.tooLarge` for a frame over the limit, `.checksumMismatch`, `.invalidResponse`
    ///   for a malformed length prefix.
    public mutating func next() throws(WireError) -> [UInt8]? {
        guard let header = try readHeader() else { return nil }
        let total = header.prefix + 4 + header.length
        guard bufferedByteCount >= total else { return nil }
        let crcStart = start + header.prefix
        let expected =
            UInt32(buffer[crcStart]) << 24 | UInt32(buffer[crcStart + 1]) << 16
            | UInt32(buffer[crcStart + 2]) << 8 | UInt32(buffer[crcStart + 3])
        let message = Array(buffer[(crcStart + 4)..<(start + total)])
        let actual = message.withUnsafeBytes { CRC32C.checksum($0) }
        guard actual == expected else {
            throw .checksumMismatch(
                "frame \(frames) at byte \(offset): CRC32C 0x\(String(actual, radix: 16)), "
                    + "header says 0x\(String(expected, radix: 16))"
            )
        }
        start += total
        offset += total
        frames += 1
        return message
    }

    /// The next frame's message length and the size of its length prefix, or `nil` when the prefix is incomplete.
    private func readHeader() throws(WireError) -> (length: Int, prefix: Int)? {
        var cursor = 0
        let length = buffer.withUnsafeBytes { all in
            Varint.readUnsigned(UnsafeRawBufferPointer(rebasing: all[start...]), offset: &cursor)
        }
        guard let length else {
            if bufferedByteCount >= 10 {
                throw .invalidResponse("frame \(frames) at byte \(offset): length prefix longer than 10 bytes")
            }
            return nil
        }
        guard length <= UInt64(frameLimit) else {
            throw .tooLarge(
                "frame \(frames) at byte \(offset) declares \(length) bytes, over the limit of \(frameLimit)")
        }
        return (Int(length), cursor)
    }

    /// Throws when bytes of an unfinished frame remain: call it when the body has ended.
    /// - Throws: `WireError.truncated` naming the offset of the incomplete frame.
    public func finish() throws(WireError) {
        if bufferedByteCount > 0 {
            throw .truncated(
                "body ends inside frame \(frames) at byte \(offset) (\(bufferedByteCount) bytes left over)")
        }
    }
}
