/// One native histogram (Prometheus' sparse exponential histogram, or one with custom bucket bounds for
/// schema −53), integer or float flavour alike.
///
/// Counts are Doubles: a float histogram's are, and an integer histogram's are exact up to 2^53 observations.
/// Bucket counts are absolute (not the deltas the chunks and `prompb` store), in span order. Equality compares every
/// Double by its bit pattern, so a stale marker sum equals itself.
public struct NativeHistogram: Sendable, Hashable {
    /// The schema this value of `schema` names: buckets with custom bounds instead of exponential ones.
    public static let customBucketsSchema: Int32 = -53

    /// What the sample says about counter resets.
    public var counterResetHint: CounterResetHint
    /// The bucket schema: −4…8 exponential (each power of two split into 2^schema buckets), −53 custom bounds.
    public var schema: Int32
    /// The zero bucket's half-width.
    public var zeroThreshold: Double
    /// Observations in the zero bucket.
    public var zeroCount: Double
    /// All observations.
    public var count: Double
    /// The sum of all observations (the stale-marker NaN for a stale sample).
    public var sum: Double
    /// The positive buckets' spans.
    public var positiveSpans: [BucketSpan]
    /// The negative buckets' spans.
    public var negativeSpans: [BucketSpan]
    /// The positive buckets' absolute counts, one per bucket of ``positiveSpans``.
    public var positiveBuckets: [Double]
    /// The negative buckets' absolute counts, one per bucket of ``negativeSpans``.
    public var negativeBuckets: [Double]
    /// The upper bounds of the custom buckets (schema −53), ascending; the last bucket reaches +Inf.
    public var customValues: [Double]

    /// Creates a histogram.
    public init(
        counterResetHint: CounterResetHint = .unknown, schema: Int32 = 0, zeroThreshold: Double = 0,
        zeroCount: Double = 0, count: Double = 0, sum: Double = 0, positiveSpans: [BucketSpan] = [],
        negativeSpans: [BucketSpan] = [], positiveBuckets: [Double] = [], negativeBuckets: [Double] = [],
        customValues: [Double] = []
    ) {
        self.counterResetHint = counterResetHint
        self.schema = schema
        self.zeroThreshold = zeroThreshold
        self.zeroCount = zeroCount
        self.count = count
        self.sum = sum
        self.positiveSpans = positiveSpans
        self.negativeSpans = negativeSpans
        self.positiveBuckets = positiveBuckets
        self.negativeBuckets = negativeBuckets
        self.customValues = customValues
    }

    /// A stale marker: only its sum is set, to the stale NaN.
    public static let staleMarker = NativeHistogram(sum: Sample.staleNaN)

    /// Whether this is a staleness marker (its sum is the stale NaN).
    public var isStaleMarker: Bool { sum.bitPattern == Sample.staleNaNBits }

    /// Compares every field, Doubles by their bit patterns.
    public static func == (lhs: NativeHistogram, rhs: NativeHistogram) -> Bool {
        lhs.counterResetHint == rhs.counterResetHint && lhs.schema == rhs.schema
            && lhs.zeroThreshold.bitPattern == rhs.zeroThreshold.bitPattern
            && lhs.zeroCount.bitPattern == rhs.zeroCount.bitPattern && lhs.count.bitPattern == rhs.count.bitPattern
            && lhs.sum.bitPattern == rhs.sum.bitPattern && lhs.positiveSpans == rhs.positiveSpans
            && lhs.negativeSpans == rhs.negativeSpans
            && lhs.positiveBuckets.map(\.bitPattern) == rhs.positiveBuckets.map(\.bitPattern)
            && lhs.negativeBuckets.map(\.bitPattern) == rhs.negativeBuckets.map(\.bitPattern)
            && lhs.customValues.map(\.bitPattern) == rhs.customValues.map(\.bitPattern)
    }

    /// Hashes the fields that identify a histogram quickly: hint, schema, count and sum bits.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(counterResetHint)
        hasher.combine(schema)
        hasher.combine(count.bitPattern)
        hasher.combine(sum.bitPattern)
    }
}
