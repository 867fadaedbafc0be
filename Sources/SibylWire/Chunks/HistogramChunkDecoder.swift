/// Decodes Prometheus' native histogram chunks bit-exactly: HISTOGRAM, FLOAT_HISTOGRAM and their `*_ST` variants
/// (`tsdb/chunkenc/histogram.go`, `float_histogram.go`, `histogram_meta.go`, `st.go`; the layout is described in
/// Tests/Fixtures/prometheus-chunks/README.md §7).
///
/// Samples come out as Prometheus' iterators return them: absolute bucket counts, the counter-reset hint `unknown`
/// for sample 0 and `not_reset` after it (`gauge` throughout a gauge chunk), a stale marker as a histogram with only
/// its sum set. Malformed input throws ``WireError``; it never traps, and every count the chunk declares is held
/// against the bits it has before anything is allocated.
public enum HistogramChunkDecoder {
    /// Bytes of the header: the sample count and the counter-reset bits, then a flags or start-timestamp byte.
    public static let headerSize = 3

    /// The sample count a chunk's header declares.
    /// - Parameters:
    ///   - bytes: the chunk bytes.
    ///   - encoding: one of the four histogram encodings.
    /// - Returns: the count.
    /// - Throws: `WireError.truncated` when the header is missing.
    public static func declaredCount(_ bytes: UnsafeRawBufferPointer, encoding: ChunkEncoding) throws(WireError) -> Int
    {
        guard bytes.count >= headerSize else {
            throw .truncated("histogram chunk of \(bytes.count) bytes has no 3-byte header")
        }
        let word = Int(bytes[0]) << 8 | Int(bytes[1])
        return hasStartTimestamps(encoding) ? word & 0x3fff : word
    }

    /// The counter-reset header of a chunk: whether it was cut after a reset (`reset`), without one (`not_reset`),
    /// unknown, or belongs to a gauge histogram.
    /// - Parameters:
    ///   - bytes: the chunk bytes.
    ///   - encoding: one of the four histogram encodings.
    /// - Returns: the header; `unknown` for a chunk shorter than its header.
    public static func counterResetHeader(_ bytes: UnsafeRawBufferPointer, encoding: ChunkEncoding) -> CounterResetHint
    {
        guard bytes.count >= headerSize else { return .unknown }
        let flags = hasStartTimestamps(encoding) ? bytes[0] : bytes[2]
        switch flags & 0xc0 {
        case 0x40: return .notReset
        case 0x80: return .reset
        case 0xc0: return .gauge
        default: return .unknown
        }
    }

    /// Decodes every sample of a chunk.
    /// - Parameters:
    ///   - chunk: the chunk bytes.
    ///   - encoding: one of the four histogram encodings.
    /// - Returns: the samples in order.
    /// - Throws: `WireError` when the chunk is truncated or inconsistent, or `encoding` is not a histogram one.
    public static func decode(_ chunk: [UInt8], encoding: ChunkEncoding) throws(WireError) -> [HistogramSample] {
        var samples: [HistogramSample] = []
        let result = chunk.withUnsafeBytes { bytes in
            Result { () throws(WireError) in
                try decode(bytes, encoding: encoding, clippingTo: Int64.min...Int64.max, into: &samples)
            }
        }
        try result.get()
        return samples
    }

    /// Decodes the samples of a chunk whose timestamps lie in `range`, appending them to `samples`.
    /// - Parameters:
    ///   - bytes: the chunk bytes.
    ///   - encoding: one of the four histogram encodings.
    ///   - range: the inclusive timestamp range to keep.
    ///   - samples: where the kept samples are appended.
    /// - Throws: `WireError` when the chunk is truncated or inconsistent; `samples` is then unchanged.
    public static func decode(
        _ bytes: UnsafeRawBufferPointer, encoding: ChunkEncoding, clippingTo range: ClosedRange<Int64>,
        into samples: inout [HistogramSample]
    ) throws(WireError) {
        guard !encoding.isFloat else {
            throw .unsupportedEncoding("\(encoding) is not a histogram encoding")
        }
        let count = try declaredCount(bytes, encoding: encoding)
        guard count > 0 else { return }
        let isFloat = encoding == .floatHistogram || encoding == .floatHistogramST
        // The shortest encoding: an 11-bit layout, sample 0 with its raw float64s, 4 bits for each later sample.
        let minimumBits = 11 + (isFloat ? 193 : 67) + (count - 1) * 4
        guard (bytes.count - headerSize) * 8 >= minimumBits else {
            throw .truncated("histogram chunk declares \(count) samples but holds only \(bytes.count) bytes")
        }
        var state = State(
            bytes: bytes, isFloat: isFloat, gauge: counterResetHeader(bytes, encoding: encoding) == .gauge,
            starts: hasStartTimestamps(encoding) ? StartTimestampReader(header: bytes[2]) : nil)
        let before = samples.count
        do {
            try state.decode(count: count, range: range, into: &samples)
        } catch {
            samples.removeSubrange(before...)
            throw error
        }
    }

    private static func hasStartTimestamps(_ encoding: ChunkEncoding) -> Bool {
        encoding == .histogramST || encoding == .floatHistogramST
    }

    /// The iterator state of one chunk.
    private struct State {
        let bytes: UnsafeRawBufferPointer
        let isFloat: Bool
        let gauge: Bool
        var starts: StartTimestampReader?
        var reader: BitReader
        var timestamp: Int64 = 0
        var timeDelta: Int64 = 0
        /// Integer histograms: count and zero count, and their last deltas.
        var count: UInt64 = 0
        var countDelta: Int64 = 0
        var zeroCount: UInt64 = 0
        var zeroCountDelta: Int64 = 0
        /// Float histograms: count, zero count and sum, each with its XOR window (sum: both flavours).
        var floats = FloatValues()
        /// Integer histograms: per bucket the stored value (delta to the previous bucket) and its last change;
        /// float histograms: per bucket the count bits and its XOR window.
        var positive = Buckets()
        var negative = Buckets()

        init(bytes: UnsafeRawBufferPointer, isFloat: Bool, gauge: Bool, starts: StartTimestampReader?) {
            self.bytes = bytes
            self.isFloat = isFloat
            self.gauge = gauge
            self.starts = starts
            self.reader = BitReader(bytes, offset: headerSize)
        }

        mutating func decode(
            count total: Int, range: ClosedRange<Int64>, into samples: inout [HistogramSample]
        )
            throws(WireError)
        {
            let layout = try HistogramChunkLayout(&reader)
            let positiveCount = HistogramChunkLayout.bucketCount(layout.positiveSpans)
            let negativeCount = HistogramChunkLayout.bucketCount(layout.negativeSpans)
            // Sample 0 spends at least 1 bit per integer bucket, 64 per float one.
            let bitsLeft = bytes.count * 8 - reader.position
            guard positiveCount + negativeCount <= bitsLeft / (isFloat ? 64 : 1) else {
                throw .invalidChunk(
                    "histogram chunk: \(positiveCount + negativeCount) buckets in \(bitsLeft) bits")
            }
            positive = Buckets(count: positiveCount)
            negative = Buckets(count: negativeCount)
            let template = NativeHistogram(
                schema: layout.schema,
                zeroThreshold: layout.zeroThreshold, positiveSpans: layout.positiveSpans,
                negativeSpans: layout.negativeSpans, customValues: layout.customValues)
            for index in 0..<total {
                let previous = timestamp
                let stale = index == 0 ? readFirst() : readNext()
                if var starts {
                    guard starts.read(index: index, timestamp: timestamp, previous: previous, from: &reader) else {
                        throw .invalidChunk("histogram chunk: start timestamp varint longer than 10 bytes")
                    }
                    self.starts = starts
                }
                guard !reader.overran else {
                    throw .truncated(
                        "histogram chunk of \(bytes.count) bytes ends in sample \(index) of \(total)")
                }
                if floats.invalidWindow {
                    throw .invalidChunk("histogram chunk: sample \(index) declares an XOR window over 64 bits")
                }
                guard range.contains(timestamp) else { continue }
                let startTimestamp = starts?.current ?? 0
                if stale {
                    samples.append(
                        HistogramSample(
                            timestamp: timestamp, startTimestamp: startTimestamp, histogram: .staleMarker))
                    continue
                }
                var histogram = template
                histogram.counterResetHint = gauge ? .gauge : index == 0 ? .unknown : .notReset
                if isFloat {
                    histogram.count = Double(bitPattern: floats.count.bits)
                    histogram.zeroCount = Double(bitPattern: floats.zeroCount.bits)
                    histogram.positiveBuckets = positive.floatCounts()
                    histogram.negativeBuckets = negative.floatCounts()
                } else {
                    histogram.count = Double(count)
                    histogram.zeroCount = Double(zeroCount)
                    histogram.positiveBuckets = positive.integerCounts()
                    histogram.negativeBuckets = negative.integerCounts()
                }
                histogram.sum = Double(bitPattern: floats.sum.bits)
                samples.append(
                    HistogramSample(timestamp: timestamp, startTimestamp: startTimestamp, histogram: histogram))
            }
        }

        /// Sample 0: `varbit_int` t, then counts, sum and buckets as stored; returns whether it is stale.
        private mutating func readFirst() -> Bool {
            timestamp = reader.readVarbitInt()
            if isFloat {
                floats.count.bits = reader.readBits(64)
                floats.zeroCount.bits = reader.readBits(64)
                floats.sum.bits = reader.readBits(64)
                positive.readRawFloats(&reader)
                negative.readRawFloats(&reader)
            } else {
                count = reader.readVarbitUint()
                zeroCount = reader.readVarbitUint()
                floats.sum.bits = reader.readBits(64)
                positive.readFirstIntegers(&reader)
                negative.readFirstIntegers(&reader)
            }
            return floats.sum.bits == Sample.staleNaNBits
        }

        /// Samples 1 and on: delta-of-deltas (integer) or XOR values (float); returns whether it is stale.
        private mutating func readNext() -> Bool {
            timeDelta &+= reader.readVarbitInt()
            timestamp &+= timeDelta
            if isFloat {
                floats.count.read(&reader)
                floats.zeroCount.read(&reader)
            } else {
                countDelta &+= reader.readVarbitInt()
                count = UInt64(bitPattern: Int64(bitPattern: count) &+ countDelta)
                zeroCountDelta &+= reader.readVarbitInt()
                zeroCount = UInt64(bitPattern: Int64(bitPattern: zeroCount) &+ zeroCountDelta)
            }
            floats.sum.read(&reader)
            if floats.sum.bits == Sample.staleNaNBits { return true }
            if isFloat {
                positive.readXORFloats(&reader, invalid: &floats.invalidBuckets)
                negative.readXORFloats(&reader, invalid: &floats.invalidBuckets)
            } else {
                positive.readIntegerChanges(&reader)
                negative.readIntegerChanges(&reader)
            }
            return false
        }
    }

    /// One Gorilla-XOR encoded float and its window.
    private struct XORValue {
        var bits: UInt64 = 0
        var leading = 0
        var trailing = 0
        var invalid = false

        mutating func read(_ reader: inout BitReader) {
            if !reader.readXORValue(&bits, leading: &leading, trailing: &trailing) { invalid = true }
        }
    }

    /// The XOR-encoded values of a histogram sample other than its buckets.
    private struct FloatValues {
        var count = XORValue()
        var zeroCount = XORValue()
        var sum = XORValue()
        var invalidBuckets = false

        /// Whether a value declared a window over 64 bits.
        var invalidWindow: Bool { count.invalid || zeroCount.invalid || sum.invalid || invalidBuckets }
    }

    /// The buckets of one sign.
    private struct Buckets {
        /// Integer: the stored value per bucket (the first absolute, then the delta to the previous bucket);
        /// float: the count's bits.
        var values: [UInt64] = []
        /// Integer: the last change of each stored value; float: each bucket's XOR window (leading << 8 | trailing).
        var changes: [Int64] = []

        init() {}

        init(count: Int) {
            values = [UInt64](repeating: 0, count: count)
            changes = [Int64](repeating: 0, count: count)
        }

        mutating func readFirstIntegers(_ reader: inout BitReader) {
            for index in values.indices { values[index] = UInt64(bitPattern: reader.readVarbitInt()) }
        }

        mutating func readIntegerChanges(_ reader: inout BitReader) {
            for index in values.indices {
                changes[index] &+= reader.readVarbitInt()
                values[index] &+= UInt64(bitPattern: changes[index])
            }
        }

        mutating func readRawFloats(_ reader: inout BitReader) {
            for index in values.indices { values[index] = reader.readBits(64) }
        }

        mutating func readXORFloats(_ reader: inout BitReader, invalid: inout Bool) {
            for index in values.indices {
                var leading = Int(changes[index] >> 8)
                var trailing = Int(changes[index] & 0xff)
                if !reader.readXORValue(&values[index], leading: &leading, trailing: &trailing) { invalid = true }
                changes[index] = Int64(leading << 8 | trailing)
            }
        }

        /// Integer buckets' absolute counts: the running sum of the stored values.
        func integerCounts() -> [Double] {
            var running: Int64 = 0
            return values.map { value in
                running &+= Int64(bitPattern: value)
                return Double(running)
            }
        }

        func floatCounts() -> [Double] {
            values.map { Double(bitPattern: $0) }
        }
    }
}
