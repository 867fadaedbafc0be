/// One native-histogram sample with float counts, as PromQL computes with it (`FloatHistogram`): integer
/// histograms convert exactly, since their counts stay far below 2⁵³.
///
/// Buckets are sparse: a bucket index maps to the bucket's count (absolute, not delta-encoded). For the exponential
/// schemas (−4 … 8), positive bucket `i` holds observations in `(2^((i−1)·2^−schema), 2^(i·2^−schema)]`, negative
/// bucket `i` the mirror image, and the zero bucket those in `[−zeroThreshold, zeroThreshold]`. With custom bounds
/// (schema −53, NHCB), positive bucket `i` holds `(customBounds[i−1], customBounds[i]]`, from −∞ at `i = 0` to +∞
/// at `i = customBounds.count`.
public struct FloatHistogram: Sendable, Hashable {
    /// The schema of custom-bound histograms (NHCB).
    public static let customBucketsSchema: Int32 = -53

    /// What the producer says about a counter reset before this sample.
    public enum CounterResetHint: Sendable, Hashable {
        /// Not known; detected by comparing with the previous sample.
        case unknown
        /// A counter reset happened.
        case reset
        /// No counter reset happened.
        case notReset
        /// A gauge histogram: it may go up and down.
        case gauge
    }

    /// The resolution (−4 … 8), or ``customBucketsSchema``.
    public var schema: Int32
    /// The zero bucket's half width.
    public var zeroThreshold: Double
    /// Observations in the zero bucket.
    public var zeroCount: Double
    /// All observations (NaN observations included, which no bucket holds).
    public var count: Double
    /// The sum of all observations.
    public var sum: Double
    /// Positive buckets: index → count.
    public var positive: [Int32: Double]
    /// Negative buckets: index → count.
    public var negative: [Int32: Double]
    /// The upper bounds of custom buckets, ascending (schema −53 only).
    public var customBounds: [Double]
    /// The counter-reset hint.
    public var hint: CounterResetHint

    /// Creates a histogram.
    public init(
        schema: Int32, zeroThreshold: Double = 0, zeroCount: Double = 0, count: Double, sum: Double,
        positive: [Int32: Double] = [:], negative: [Int32: Double] = [:], customBounds: [Double] = [],
        hint: CounterResetHint = .unknown
    ) {
        self.schema = schema
        self.zeroThreshold = zeroThreshold
        self.zeroCount = zeroCount
        self.count = count
        self.sum = sum
        self.positive = positive
        self.negative = negative
        self.customBounds = customBounds
        self.hint = hint
    }

    /// Whether the buckets have custom bounds (schema −53).
    public var usesCustomBuckets: Bool { schema == Self.customBucketsSchema }

    /// An empty histogram with `other`'s schema and custom bounds: the base a counter restarts from.
    static func empty(like other: FloatHistogram) -> FloatHistogram {
        FloatHistogram(schema: other.schema, count: 0, sum: 0, customBounds: other.customBounds)
    }
}
