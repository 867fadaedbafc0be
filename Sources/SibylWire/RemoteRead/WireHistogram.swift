/// Decodes a `prompb.Histogram` message (Prometheus 3.14 `types.proto`) straight from the wire into a
/// ``HistogramSample``: integer histograms' bucket deltas become absolute counts, float histograms' counts are kept.
enum WireHistogram {
    /// Decodes the message at `range` of `bytes`.
    /// - Returns: the sample, or `nil` when the bytes are malformed.
    static func decode(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> HistogramSample? {
        var histogram = NativeHistogram()
        var timestamp: Int64 = 0
        var positiveDeltas: [Int64] = []
        var negativeDeltas: [Int64] = []
        var fields = ProtobufFieldReader(bytes, range: range)
        while let field = fields.next() {
            guard let field else { return nil }
            switch (field.number, field.payload) {
            case (1, nil): histogram.count = Double(field.value)
            case (2, nil): histogram.count = Double(bitPattern: field.value)
            case (3, nil): histogram.sum = Double(bitPattern: field.value)
            case (4, nil): histogram.schema = Int32(truncatingIfNeeded: Varint.unzigzag(field.value))
            case (5, nil): histogram.zeroThreshold = Double(bitPattern: field.value)
            case (6, nil): histogram.zeroCount = Double(field.value)
            case (7, nil): histogram.zeroCount = Double(bitPattern: field.value)
            case (8, let span?):
                guard let decoded = self.span(bytes, span) else { return nil }
                histogram.negativeSpans.append(decoded)
            case (11, let span?):
                guard let decoded = self.span(bytes, span) else { return nil }
                histogram.positiveSpans.append(decoded)
            case (9, _): guard appendSigned(field, bytes, to: &negativeDeltas) else { return nil }
            case (12, _): guard appendSigned(field, bytes, to: &positiveDeltas) else { return nil }
            case (10, _): guard appendDoubles(field, bytes, to: &histogram.negativeBuckets) else { return nil }
            case (13, _): guard appendDoubles(field, bytes, to: &histogram.positiveBuckets) else { return nil }
            case (16, _): guard appendDoubles(field, bytes, to: &histogram.customValues) else { return nil }
            case (14, nil): histogram.counterResetHint = hint(field.value)
            case (15, nil): timestamp = Int64(bitPattern: field.value)
            default: continue
            }
        }
        if !positiveDeltas.isEmpty { histogram.positiveBuckets = HistogramSample.absolute(positiveDeltas) }
        if !negativeDeltas.isEmpty { histogram.negativeBuckets = HistogramSample.absolute(negativeDeltas) }
        return HistogramSample(timestamp: timestamp, histogram: histogram)
    }

    /// `ResetHint`: UNKNOWN 0, YES 1, NO 2, GAUGE 3.
    private static func hint(_ value: UInt64) -> CounterResetHint {
        switch value {
        case 1: .reset
        case 2: .notReset
        case 3: .gauge
        default: .unknown
        }
    }

    /// A `BucketSpan`: `sint32 offset = 1; uint32 length = 2`.
    private static func span(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> BucketSpan? {
        var span = BucketSpan(offset: 0, length: 0)
        var fields = ProtobufFieldReader(bytes, range: range)
        while let field = fields.next() {
            guard let field else { return nil }
            switch (field.number, field.payload) {
            case (1, nil): span.offset = Int32(truncatingIfNeeded: Varint.unzigzag(field.value))
            case (2, nil): span.length = UInt32(truncatingIfNeeded: field.value)
            default: continue
            }
        }
        return span
    }

    /// A `repeated sint64`, packed or not.
    private static func appendSigned(
        _ field: ProtobufFieldReader.Field, _ bytes: UnsafeRawBufferPointer, to values: inout [Int64]
    ) -> Bool {
        guard let payload = field.payload else {
            values.append(Varint.unzigzag(field.value))
            return true
        }
        var offset = payload.lowerBound
        let packed = UnsafeRawBufferPointer(rebasing: bytes[..<payload.upperBound])
        while offset < payload.upperBound {
            guard let value = Varint.readUnsigned(packed, offset: &offset) else { return false }
            values.append(Varint.unzigzag(value))
        }
        return true
    }

    /// A `repeated double`, packed or not.
    private static func appendDoubles(
        _ field: ProtobufFieldReader.Field, _ bytes: UnsafeRawBufferPointer, to values: inout [Double]
    ) -> Bool {
        guard let payload = field.payload else {
            values.append(Double(bitPattern: field.value))
            return true
        }
        guard payload.count % 8 == 0 else { return false }
        for start in stride(from: payload.lowerBound, to: payload.upperBound, by: 8) {
            values.append(
                Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self))))
        }
        return true
    }
}
