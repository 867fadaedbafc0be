package import SibylAnalysis
package import SibylWire

extension FloatHistogram {
    /// The decoded sample's histogram with its buckets by index: spans give each bucket's index (the first span's
    /// offset is its first index, each later one the gap after the previous span).
    package init(_ wire: NativeHistogram) {
        func buckets(_ spans: [BucketSpan], _ counts: [Double]) -> [Int32: Double] {
            var buckets: [Int32: Double] = [:]
            var index: Int32 = 0
            var position = 0
            for span in spans {
                index &+= span.offset
                for _ in 0..<span.length where position < counts.count {
                    buckets[index] = counts[position]
                    position += 1
                    index &+= 1
                }
            }
            return buckets
        }
        let hint: CounterResetHint =
            switch wire.counterResetHint {
            case .unknown: .unknown
            case .reset: .reset
            case .notReset: .notReset
            case .gauge: .gauge
            }
        self.init(
            schema: wire.schema, zeroThreshold: wire.zeroThreshold, zeroCount: wire.zeroCount, count: wire.count,
            sum: wire.sum, positive: buckets(wire.positiveSpans, wire.positiveBuckets),
            negative: buckets(wire.negativeSpans, wire.negativeBuckets), customBounds: wire.customValues, hint: hint)
    }
}
