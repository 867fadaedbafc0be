/// Decodes Prometheus XOR ("Gorilla") chunks bit-exactly (protocols.md §2; Prometheus `tsdb/chunkenc/xor.go`).
///
/// Every value keeps its exact bits (stale NaN, other NaN payloads, −0.0). Malformed input
/// throws ``WireError``; it never traps, and the sample count in the header is checked
/// against the data length before anything is allocated.
public enum XORChunkDecoder {
    /// Bytes of the header: the big-endian sample count.
    public static let headerSize = 2

    /// Decodes every sample of a chunk.
    /// - Parameter chunk: the chunk bytes (2-byte count, then the bit stream).
    /// - Returns: the samples in order.
    /// - Throws: `WireError` when the chunk is truncated or inconsistent.
    public static func decode(_ chunk: [UInt8]) throws(WireError) -> [Sample] {
        var samples: [Sample] = []
        try decode(chunk, into: &samples)
        return samples
    }

    /// Decodes every sample of a chunk, appending them to `samples`.
    /// - Parameters:
    ///   - chunk: the chunk bytes.
    ///   - samples: where the samples are appended.
    /// - Throws: `WireError` when the chunk is truncated or inconsistent; `samples` is then unchanged.
    public static func decode(_ chunk: [UInt8], into samples: inout [Sample]) throws(WireError) {
        let result = chunk.withUnsafeBytes { bytes in
            Result { () throws(WireError) in try decode(bytes, clippingTo: Int64.min...Int64.max, into: &samples) }
        }
        try result.get()
    }

    /// The sample count a chunk's header declares.
    /// - Parameter bytes: the chunk bytes.
    /// - Returns: the count.
    /// - Throws: `WireError.truncated` when the header is missing.
    public static func declaredCount(_ bytes: UnsafeRawBufferPointer) throws(WireError) -> Int {
        guard bytes.count >= headerSize else {
            throw .truncated("XOR chunk of \(bytes.count) bytes has no 2-byte header")
        }
        return Int(bytes[0]) << 8 | Int(bytes[1])
    }

    /// Decodes the samples of a chunk whose timestamps lie in `range`, appending them to `samples`.
    /// - Parameters:
    ///   - bytes: the chunk bytes.
    ///   - range: the inclusive timestamp range to keep (a remote-read query's [start, end]).
    ///   - samples: where the kept samples are appended.
    /// - Throws: `WireError` when the chunk is truncated or inconsistent; `samples` is then unchanged.
    public static func decode(
        _ bytes: UnsafeRawBufferPointer, clippingTo range: ClosedRange<Int64>, into samples: inout [Sample]
    ) throws(WireError) {
        let count = try checkedCount(bytes)
        guard count > 0 else { return }
        let firstNew = samples.count
        // Room for every sample first, so the loop writes through a pointer; the unused tail is removed after.
        samples.append(contentsOf: repeatElement(Sample(timestamp: 0, value: 0), count: count))
        let outcome = samples.withUnsafeMutableBufferPointer { output in
            Result { () throws(WireError) -> Int in
                var sink = BufferSink(output: output, written: firstNew)
                try decodeSamples(bytes, count: count, range: range, into: &sink)
                return sink.written &- firstNew
            }
        }
        switch outcome {
        case .success(let written):
            samples.removeSubrange((firstNew + written)...)
        case .failure(let error):
            samples.removeSubrange(firstNew...)
            throw error
        }
    }

    /// Calls `body` with each sample of a chunk whose timestamp lies in `range`, without materialising the chunk:
    /// for summaries, and for callers that keep timestamps and values apart.
    /// - Parameters:
    ///   - bytes: the chunk bytes.
    ///   - range: the inclusive timestamp range to keep.
    ///   - body: called with each kept sample's timestamp and value, in order.
    /// - Throws: `WireError` when the chunk is truncated or inconsistent (after `body` saw the samples before the
    ///   fault).
    public static func forEachSample(
        _ bytes: UnsafeRawBufferPointer, clippingTo range: ClosedRange<Int64>, _ body: (Int64, Double) -> Void
    ) throws(WireError) {
        let count = try checkedCount(bytes)
        guard count > 0 else { return }
        try withoutActuallyEscaping(body) { (body) throws(WireError) in
            var sink = ClosureSink(body: body)
            try decodeSamples(bytes, count: count, range: range, into: &sink)
        }
    }

    /// The declared count, checked against the shortest encoding of that many samples before anything is done.
    private static func checkedCount(_ bytes: UnsafeRawBufferPointer) throws(WireError) -> Int {
        let count = try declaredCount(bytes)
        guard count > 0 else { return 0 }
        // The shortest encoding: 8 bits of varint + 64 bits for sample 0, 8 + 1 for sample 1, 2 for each other.
        let minimumBits = 72 + (count >= 2 ? 9 : 0) + max(0, count - 2) * 2
        let dataBits = (bytes.count - headerSize) * 8
        guard dataBits >= minimumBits else {
            throw .truncated("XOR chunk declares \(count) samples but holds only \(bytes.count) bytes")
        }
        return count
    }

    /// The decoding loop: hands the kept samples to `sink`.
    @inline(__always)
    private static func decodeSamples<Sink: SampleSink>(
        _ bytes: UnsafeRawBufferPointer, count: Int, range: ClosedRange<Int64>, into sink: inout Sink
    ) throws(WireError) {
        var reader = BitReader(bytes, offset: headerSize)
        let lower = range.lowerBound
        let upper = range.upperBound
        guard let zigzagged = reader.readUvarint() else {
            throw .invalidChunk("XOR chunk: first timestamp varint longer than 10 bytes at byte \(headerSize)")
        }
        var timestamp = Varint.unzigzag(zigzagged)
        var valueBits = reader.readBits(64)
        if timestamp >= lower && timestamp <= upper {
            sink.take(timestamp, Double(bitPattern: valueBits))
        }
        var delta: UInt64 = 0
        var leading = 0
        var trailing = 0
        var index = 1
        while index < count {
            if index == 1 {
                guard let first = reader.readUvarint() else {
                    throw .invalidChunk("XOR chunk: first delta varint longer than 10 bytes")
                }
                delta = first
            } else {
                delta &+= readDeltaOfDelta(&reader)
            }
            timestamp &+= Int64(bitPattern: delta)
            // Value control: `0` same value, `10` reuse the window, `11` new window (2 bits read at once).
            reader.ensure(13)
            let control = reader.peek(2)
            if control < 0b10 {
                reader.skip(1)
            } else {
                reader.skip(2)
                if control == 0b11 {
                    leading = Int(truncatingIfNeeded: reader.readBits(5))
                    var significant = Int(truncatingIfNeeded: reader.readBits(6))
                    if significant == 0 { significant = 64 }
                    trailing = 64 &- leading &- significant
                    if trailing < 0 {
                        throw .invalidChunk(
                            "XOR chunk: sample \(index) declares \(leading) leading and \(significant) significant bits"
                        )
                    }
                }
                valueBits ^= reader.readBits(64 &- leading &- trailing) &<< UInt64(truncatingIfNeeded: trailing)
            }
            if timestamp >= lower && timestamp <= upper {
                sink.take(timestamp, Double(bitPattern: valueBits))
            }
            index &+= 1
        }
        if reader.overran {
            throw .truncated(
                "XOR chunk of \(bytes.count) bytes ends before its \(count) samples (needs \(reader.position) bits)"
            )
        }
    }

    /// Reads a delta-of-delta: a prefix of up to four bits, then 0, 14, 17, 20 or 64 payload bits.
    @inline(__always)
    private static func readDeltaOfDelta(_ reader: inout BitReader) -> UInt64 {
        // The prefix is at most 4 bits: peek them at once.
        reader.ensure(4)
        let prefix = reader.peek(4)
        let width: Int
        if prefix < 0b1000 {
            reader.skip(1)
            return 0
        } else if prefix < 0b1100 {
            reader.skip(2)
            width = 14
        } else if prefix < 0b1110 {
            reader.skip(3)
            width = 17
        } else if prefix == 0b1110 {
            reader.skip(4)
            width = 20
        } else {
            reader.skip(4)
            return reader.readBits(64)
        }
        let raw = reader.readBits(width)
        // Buckets hold −(2^(n−1)−1) … +2^(n−1): values above 2^(n−1) are negative.
        if raw > (1 as UInt64) &<< UInt64(width - 1) {
            return raw &- ((1 as UInt64) &<< UInt64(width))
        }
        return raw
    }
}

/// Where the decoding loop puts the samples it keeps (generic, so each use is specialised and inlined).
private protocol SampleSink {
    mutating func take(_ timestamp: Int64, _ value: Double)
}

/// Writes samples through a pointer into room made beforehand.
private struct BufferSink: SampleSink {
    let output: UnsafeMutableBufferPointer<Sample>
    var written: Int

    @inline(__always)
    mutating func take(_ timestamp: Int64, _ value: Double) {
        output[written] = Sample(timestamp: timestamp, value: value)
        written &+= 1
    }
}

/// Hands samples to a closure.
private struct ClosureSink: SampleSink {
    let body: (Int64, Double) -> Void

    @inline(__always)
    mutating func take(_ timestamp: Int64, _ value: Double) { body(timestamp, value) }
}
