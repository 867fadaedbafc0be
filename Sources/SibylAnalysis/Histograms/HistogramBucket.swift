import Foundation

/// One bucket of a ``FloatHistogram``: its bounds and its count.
public struct HistogramBucket: Sendable, Hashable {
    /// The lower bound (exclusive for positive buckets, as Prometheus treats it).
    public var lower: Double
    /// The upper bound.
    public var upper: Double
    /// The observations in the bucket.
    public var count: Double

    /// The fraction of the bucket's width below `value`, on a linear scale or, for exponential buckets, on a
    /// logarithmic one (where exponential bounds are evenly spaced); negative buckets are mirrored.
    func fractionBelow(_ value: Double, linear: Bool) -> Double {
        if linear { return (value - lower) / (upper - lower) }
        let logLower = log2(abs(lower))
        let logUpper = log2(abs(upper))
        let logValue = log2(abs(value))
        if value > 0 { return (logValue - logLower) / (logUpper - logLower) }
        return 1 - (logValue - logUpper) / (logLower - logUpper)
    }
}

extension FloatHistogram {
    /// The upper bound of bucket `index` (the lower bound of bucket `index + 1`).
    ///
    /// Exponential schemas: `2^(index·2^−schema)`, computed in extended precision and rounded once, so each bound is
    /// the float64 nearest the exact power of two; the last finite bucket ends at the largest float64, and the one
    /// after it, which counts ±∞ observations, at +∞.
    public func upperBound(of index: Int32) -> Double {
        if usesCustomBuckets {
            if index >= customBounds.count { return .infinity }
            if index < 0 { return -.infinity }
            return customBounds[Int(index)]
        }
        return Self.exponentialBound(index, schema: schema)
    }

    static func exponentialBound(_ index: Int32, schema: Int32) -> Double {
        if schema < 0 {
            let exponent = Int(index) << Int(-schema)
            if exponent == 1024 { return .greatestFiniteMagnitude }
            return Double(sign: .plus, exponent: exponent, significand: 1)
        }
        let steps = Int(1) << Int(schema)
        let fractionIndex = Int(index) & (steps - 1)
        let exponent = (Int(index) >> Int(schema)) + 1
        // 2^(k/2^schema − 1) in [0.5, 1): exact for k = 0, else rounded once from extended precision.
        let fraction = fractionIndex == 0 ? 0.5 : Double(Float80(0.5) * exp2l(Float80(fractionIndex) / Float80(steps)))
        if fraction == 0.5 && exponent == 1025 { return .greatestFiniteMagnitude }
        return scalbn(fraction, exponent)
    }

    /// Every bucket with observations, ascending: negative buckets (most negative first), the zero bucket (when it
    /// holds observations), positive buckets. A negative or positive bucket that reaches into the zero bucket is
    /// cut at the zero threshold, as PromQL's bucket iterators cut it.
    public var ascendingBuckets: [HistogramBucket] {
        var buckets: [HistogramBucket] = []
        buckets.reserveCapacity(negative.count + positive.count + 1)
        for index in negative.keys.sorted(by: >) {
            var bucket = HistogramBucket(
                lower: -upperBound(of: index), upper: -upperBound(of: index - 1), count: negative[index]!)
            if bucket.upper < 0 && bucket.upper > -zeroThreshold { bucket.upper = -zeroThreshold }
            buckets.append(bucket)
        }
        if zeroCount > 0 {
            buckets.append(HistogramBucket(lower: -zeroThreshold, upper: zeroThreshold, count: zeroCount))
        }
        for index in positive.keys.sorted() {
            var bucket = HistogramBucket(
                lower: upperBound(of: index - 1), upper: upperBound(of: index), count: positive[index]!)
            if bucket.lower > 0 && bucket.lower < zeroThreshold { bucket.lower = zeroThreshold }
            buckets.append(bucket)
        }
        return buckets
    }

    /// Whether any positive (negative) bucket holds observations.
    var hasPositiveBuckets: Bool { positive.values.contains { $0 != 0 } }
    var hasNegativeBuckets: Bool { negative.values.contains { $0 != 0 } }
}
