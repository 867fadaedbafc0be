/// Decodes Prometheus 3 XOR2 chunks bit-exactly (`tsdb/chunkenc/xor2.go`; the layout is described in
/// Tests/Fixtures/prometheus-chunks/README.md §7).
///
/// XOR2 differs from XOR in its header (a third byte for start timestamps), a joint timestamp and value prefix for
/// samples 2 and on, a one-bit path for stale markers, and a value baseline that skips stale markers. Every value
/// keeps its exact bits. Malformed input throws ``WireError``; it never traps, and the sample count in the header is
/// checked against the data length before anything is allocated.
public enum XOR2ChunkDecoder {
    /// Bytes of the header: the big-endian sample count, then the start-timestamp byte.
    public static let headerSize = 3

    /// The sample count a chunk's header declares.
    /// - Parameter bytes: the chunk bytes.
    /// - Returns: the count.
    /// - Throws: `WireError.truncated` when the header is missing.
    public static func declaredCount(_ bytes: UnsafeRawBufferPointer) throws(WireError) -> Int {
        guard bytes.count >= headerSize else {
            throw .truncated("XOR2 chunk of \(bytes.count) bytes has no 3-byte header")
        }
        return Int(bytes[0]) << 8 | Int(bytes[1])
    }

    /// Decodes every sample of a chunk.
    /// - Parameter chunk: the chunk bytes.
    /// - Returns: the samples and, one per sample, its start timestamp (0 when unknown).
    /// - Throws: `WireError` when the chunk is truncated or inconsistent.
    public static func decode(_ chunk: [UInt8]) throws(WireError) -> (samples: [Sample], startTimestamps: [Int64]) {
        var samples: [Sample] = []
        var startTimestamps: [Int64] = []
        let result = chunk.withUnsafeBytes { bytes in
            Result { () throws(WireError) in
                try decode(bytes, clippingTo: Int64.min...Int64.max, into: &samples, startTimestamps: &startTimestamps)
            }
        }
        try result.get()
        return (samples, startTimestamps)
    }

    /// Decodes the samples of a chunk whose timestamps lie in `range`, appending them to `samples` and their start
    /// timestamps (0 when unknown) to `startTimestamps`.
    /// - Parameters:
    ///   - bytes: the chunk bytes.
    ///   - range: the inclusive timestamp range to keep.
    ///   - samples: where the kept samples are appended.
    ///   - startTimestamps: where their start timestamps are appended, as many as samples.
    /// - Throws: `WireError` when the chunk is truncated or inconsistent; both arrays are then unchanged.
    public static func decode(
        _ bytes: UnsafeRawBufferPointer, clippingTo range: ClosedRange<Int64>, into samples: inout [Sample],
        startTimestamps: inout [Int64]
    ) throws(WireError) {
        let count = try declaredCount(bytes)
        guard count > 0 else { return }
        // The shortest encoding: 8 + 64 bits for sample 0, 8 + 1 for sample 1, 1 for each other.
        let minimumBits = 72 + (count >= 2 ? 9 : 0) + max(0, count - 2)
        guard (bytes.count - headerSize) * 8 >= minimumBits else {
            throw .truncated("XOR2 chunk declares \(count) samples but holds only \(bytes.count) bytes")
        }
        let firstNew = samples.count
        let firstNewStart = startTimestamps.count
        samples.append(contentsOf: repeatElement(Sample(timestamp: 0, value: 0), count: count))
        startTimestamps.append(contentsOf: repeatElement(0, count: count))
        let outcome = samples.withUnsafeMutableBufferPointer { output in
            startTimestamps.withUnsafeMutableBufferPointer { starts in
                Result { () throws(WireError) -> Int in
                    var cursor = Output(samples: output, starts: starts, sample: firstNew, start: firstNewStart)
                    try decodeSamples(bytes, count: count, range: range, into: &cursor)
                    return cursor.sample &- firstNew
                }
            }
        }
        switch outcome {
        case .success(let written):
            samples.removeSubrange((firstNew + written)...)
            startTimestamps.removeSubrange((firstNewStart + written)...)
        case .failure(let error):
            samples.removeSubrange(firstNew...)
            startTimestamps.removeSubrange(firstNewStart...)
            throw error
        }
    }

    /// Where the decoding loop writes: the next free slots of the samples and of their start timestamps.
    private struct Output {
        let samples: UnsafeMutableBufferPointer<Sample>
        let starts: UnsafeMutableBufferPointer<Int64>
        var sample: Int
        var start: Int

        @inline(__always)
        mutating func write(_ timestamp: Int64, _ bits: UInt64, _ startTimestamp: Int64) {
            samples[sample] = Sample(timestamp: timestamp, value: Double(bitPattern: bits))
            starts[start] = startTimestamp
            sample &+= 1
            start &+= 1
        }
    }

    /// The value state: the last non-stale value (the XOR baseline) and the current window.
    private struct ValueState {
        var baseline: UInt64 = 0
        var leading = 0
        var trailing = 0
    }

    /// The decoding loop.
    private static func decodeSamples(
        _ bytes: UnsafeRawBufferPointer, count: Int, range: ClosedRange<Int64>, into output: inout Output
    ) throws(WireError) {
        var reader = BitReader(bytes, offset: headerSize)
        var starts = StartTimestampReader(header: bytes[2])
        let lower = range.lowerBound
        let upper = range.upperBound
        guard let first = reader.readVarint() else {
            throw .invalidChunk("XOR2 chunk: first timestamp varint longer than 10 bytes")
        }
        var timestamp = first
        var bits = reader.readBits(64)
        var state = ValueState()
        if bits != Sample.staleNaNBits { state.baseline = bits }
        guard starts.read(index: 0, timestamp: timestamp, previous: 0, from: &reader) else {
            throw .invalidChunk("XOR2 chunk: first start timestamp varint longer than 10 bytes")
        }
        if timestamp >= lower && timestamp <= upper { output.write(timestamp, bits, starts.current) }
        var delta: UInt64 = 0
        var index = 1
        while index < count {
            let previous = timestamp
            if index == 1 {
                guard let firstDelta = reader.readUvarint() else {
                    throw .invalidChunk("XOR2 chunk: first delta varint longer than 10 bytes")
                }
                delta = firstDelta
                timestamp &+= Int64(bitPattern: delta)
                bits = try readValue(&reader, &state, index: index)
            } else {
                // The joint prefix: `0`, `10`, `110`, `1110`, `11110` or `11111` (5 bits peeked at once).
                reader.ensure(5)
                let ones = min(5, (~(reader.peek(5) &<< 59)).leadingZeroBitCount)
                reader.skip(ones == 5 ? 5 : ones &+ 1)
                switch ones {
                case 0:
                    timestamp &+= Int64(bitPattern: delta)
                    bits = state.baseline
                case 1:
                    timestamp &+= Int64(bitPattern: delta)
                    bits = try readChangedValue(&reader, &state, index: index)
                case 2, 3, 4:
                    let width = ones == 2 ? 13 : ones == 3 ? 20 : 64
                    var raw = reader.readBits(width)
                    // Two's complement over `width` bits.
                    if width < 64 && raw >= (1 as UInt64) &<< UInt64(width &- 1) {
                        raw = raw &- ((1 as UInt64) &<< UInt64(width))
                    }
                    delta &+= raw
                    timestamp &+= Int64(bitPattern: delta)
                    bits = try readValue(&reader, &state, index: index)
                default:
                    timestamp &+= Int64(bitPattern: delta)
                    bits = Sample.staleNaNBits
                }
            }
            _ = starts.read(index: index, timestamp: timestamp, previous: previous, from: &reader)
            if timestamp >= lower && timestamp <= upper { output.write(timestamp, bits, starts.current) }
            index &+= 1
        }
        if reader.overran {
            throw .truncated(
                "XOR2 chunk of \(bytes.count) bytes ends before its \(count) samples (needs \(reader.position) bits)")
        }
    }

    /// A value after sample 1's delta or a non-zero delta-of-delta: `0` unchanged, `10` the window reused, `110` a
    /// new window, `111` a stale marker.
    @inline(__always)
    private static func readValue(
        _ reader: inout BitReader, _ state: inout ValueState, index: Int
    ) throws(WireError) -> UInt64 {
        reader.ensure(3)
        let control = reader.peek(3)
        if control < 0b100 {
            reader.skip(1)
            return state.baseline
        }
        if control < 0b110 {
            reader.skip(2)
            return reuseWindow(&reader, &state)
        }
        reader.skip(3)
        if control == 0b110 { return try newWindow(&reader, &state, index: index) }
        return Sample.staleNaNBits
    }

    /// A value known to differ from the baseline: `0` the window reused, `1` a new window.
    @inline(__always)
    private static func readChangedValue(
        _ reader: inout BitReader, _ state: inout ValueState, index: Int
    ) throws(WireError) -> UInt64 {
        if reader.readBit() { return try newWindow(&reader, &state, index: index) }
        return reuseWindow(&reader, &state)
    }

    @inline(__always)
    private static func reuseWindow(_ reader: inout BitReader, _ state: inout ValueState) -> UInt64 {
        let bits =
            state.baseline ^ (reader.readBits(64 &- state.leading &- state.trailing) &<< UInt64(state.trailing))
        state.baseline = bits
        return bits
    }

    private static func newWindow(
        _ reader: inout BitReader, _ state: inout ValueState, index: Int
    ) throws(WireError) -> UInt64 {
        let leading = Int(truncatingIfNeeded: reader.readBits(5))
        var significant = Int(truncatingIfNeeded: reader.readBits(6))
        if significant == 0 { significant = 64 }
        guard leading &+ significant <= 64 else {
            throw .invalidChunk(
                "XOR2 chunk: sample \(index) declares \(leading) leading and \(significant) significant bits")
        }
        state.leading = leading
        state.trailing = 64 &- leading &- significant
        return reuseWindow(&reader, &state)
    }
}
