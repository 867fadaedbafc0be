/// What a native histogram chunk fixes for all its samples, written before sample 0 (`histogram_meta.go`): zero
/// threshold, schema, the positive and negative spans and, for schema −53, the custom bucket bounds.
struct HistogramChunkLayout {
    var zeroThreshold: Double
    var schema: Int32
    var positiveSpans: [BucketSpan]
    var negativeSpans: [BucketSpan]
    var customValues: [Double]

    /// The schemas Prometheus' iterators accept: exponential −9…52 (8 is the highest in use) and custom buckets.
    static func isKnown(schema: Int64) -> Bool {
        (-9...52).contains(schema) || schema == Int64(NativeHistogram.customBucketsSchema)
    }

    /// Reads the layout at the reader's position.
    /// - Throws: `WireError.invalidChunk` for an unknown schema or a layout that runs past the chunk's end.
    init(_ reader: inout BitReader) throws(WireError) {
        // Zero threshold: one byte; 0 is 0, 255 is followed by a raw float64, else 2^(b − 244).
        let thresholdByte = reader.readBits(8)
        switch thresholdByte {
        case 0: zeroThreshold = 0
        case 255: zeroThreshold = Double(bitPattern: reader.readBits(64))
        default: zeroThreshold = Double(sign: .plus, exponent: Int(thresholdByte) - 244, significand: 1)
        }
        let schema = reader.readVarbitInt()
        guard Self.isKnown(schema: schema) else {
            throw .invalidChunk("histogram chunk: unknown schema \(schema)")
        }
        self.schema = Int32(schema)
        positiveSpans = try Self.readSpans(&reader)
        negativeSpans = try Self.readSpans(&reader)
        customValues = []
        if self.schema == NativeHistogram.customBucketsSchema {
            let count = reader.readVarbitUint()
            var read: UInt64 = 0
            while read < count {
                // Every bound takes at least 5 bits: a corrupt count ends here, before it allocates.
                guard !reader.overran else { throw .invalidChunk("histogram chunk: custom bounds run past its end") }
                let stored = reader.readVarbitUint()
                customValues.append(
                    stored == 0 ? Double(bitPattern: reader.readBits(64)) : Double(stored - 1) / 1000)
                read += 1
            }
        }
        guard !reader.overran else { throw .invalidChunk("histogram chunk: layout runs past its end") }
    }

    /// A `varbit_uint` span count, then per span a `varbit_uint` length and a `varbit_int` offset.
    private static func readSpans(_ reader: inout BitReader) throws(WireError) -> [BucketSpan] {
        let count = reader.readVarbitUint()
        var spans: [BucketSpan] = []
        var read: UInt64 = 0
        while read < count {
            guard !reader.overran else { throw .invalidChunk("histogram chunk: spans run past its end") }
            let length = UInt32(truncatingIfNeeded: reader.readVarbitUint())
            let offset = Int32(truncatingIfNeeded: reader.readVarbitInt())
            spans.append(BucketSpan(offset: offset, length: length))
            read += 1
        }
        return spans
    }

    /// The number of buckets the spans hold.
    static func bucketCount(_ spans: [BucketSpan]) -> Int {
        spans.reduce(0) { $0 + Int($1.length) }
    }
}
