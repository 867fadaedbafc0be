import Foundation

extension FloatHistogram {
    /// PromQL's `histogram_quantile(q, h)` for a native histogram (Prometheus 3's rule).
    ///
    /// The bucket holding the quantile's rank is found counting from the low end for `q < 0.5` (or when the sum is
    /// NaN) and from the high end otherwise; inside it, the position is interpolated on a logarithmic scale for
    /// exponential buckets (so the middle of `(1, 2]` is √2) and linearly in the zero bucket and in custom buckets.
    /// The zero bucket's lower (upper) bound is taken as 0 when only positive (negative) buckets have observations;
    /// a custom histogram's first bucket starts at 0 unless it ends at or below 0 (then its upper bound is the
    /// answer), and its +∞ bucket answers its lower bound.
    /// - Returns: NaN without observations or for a NaN `q`, −∞ for `q < 0`, +∞ for `q > 1`.
    public func quantile(_ q: Double) -> Double {
        if q < 0 { return -.infinity }
        if q > 1 { return .infinity }
        if count == 0 || q.isNaN { return .nan }
        let forward = sum.isNaN || q < 0.5
        let ascending = ascendingBuckets
        let buckets = forward ? ascending : ascending.reversed()
        var rank = forward ? q * count : (1 - q) * count
        var seen = 0.0
        var bucket: HistogramBucket?
        for candidate in buckets where candidate.count != 0 {
            bucket = candidate
            seen += candidate.count
            if seen >= rank { break }
        }
        guard var bucket else { return .nan }
        if !usesCustomBuckets && bucket.lower < 0 && bucket.upper > 0 {
            if !hasNegativeBuckets && hasPositiveBuckets {
                bucket.lower = 0
            } else if !hasPositiveBuckets && hasNegativeBuckets {
                bucket.upper = 0
            }
        } else if usesCustomBuckets {
            if bucket.lower == -.infinity {
                if bucket.upper <= 0 { return bucket.upper }
                bucket.lower = 0
            } else if bucket.upper == .infinity {
                return bucket.lower
            }
        }
        seen = Swift.min(seen, count)
        if seen < rank { return sum.isNaN ? .nan : bucket.upper }
        if forward { rank -= seen - bucket.count } else { rank = seen - rank }
        let fraction = rank / bucket.count
        if usesCustomBuckets || (bucket.lower <= 0 && bucket.upper >= 0) {
            return bucket.lower + (bucket.upper - bucket.lower) * fraction
        }
        let logLower = log2(abs(bucket.lower))
        let logUpper = log2(abs(bucket.upper))
        if bucket.lower > 0 { return exp2(logLower + (logUpper - logLower) * fraction) }
        return -exp2(logUpper + (logLower - logUpper) * (1 - fraction))
    }

    /// PromQL's `histogram_fraction(lower, upper, h)`: the share of observations between the bounds, interpolated
    /// inside the buckets the bounds fall in as ``quantile(_:)`` interpolates (so `fraction(-∞, quantile(q)) = q`).
    /// - Returns: NaN without observations or for a NaN bound, 0 when `lower ≥ upper`.
    public func fraction(from lower: Double, to upper: Double) -> Double {
        if count == 0 || lower.isNaN || upper.isNaN { return .nan }
        if lower >= upper { return 0 }
        var rank = 0.0
        var lowerRank = 0.0
        var upperRank = 0.0
        var lowerSet = false
        var upperSet = false
        let buckets = ascendingBuckets
        for original in buckets {
            var bucket = original
            var zeroBucket = false
            if bucket.lower <= 0 && bucket.upper >= 0 {
                zeroBucket = true
                if !hasNegativeBuckets && hasPositiveBuckets {
                    bucket.lower = 0
                } else if !hasPositiveBuckets && hasNegativeBuckets {
                    bucket.upper = 0
                }
            }
            let linear = usesCustomBuckets || zeroBucket
            func interpolated(_ value: Double) -> Double {
                if linear && bucket.lower == -.infinity { return bucket.count }
                return rank + bucket.count * bucket.fractionBelow(value, linear: linear)
            }
            if !lowerSet && bucket.lower >= lower {
                lowerRank = rank
                lowerSet = true
            }
            if !upperSet && bucket.lower >= upper {
                upperRank = rank
                upperSet = true
            }
            if lowerSet && upperSet { break }
            if !lowerSet && bucket.lower < lower && bucket.upper > lower {
                lowerRank = interpolated(lower)
                lowerSet = true
            }
            if !upperSet && bucket.lower < upper && bucket.upper > upper {
                upperRank = interpolated(upper)
                upperSet = true
            }
            if lowerSet && upperSet { break }
            rank += bucket.count
        }
        let total = sum.isNaN ? buckets.reduce(0) { $0 + $1.count } : count
        if !lowerSet || lowerRank > total { lowerRank = total }
        if !upperSet || upperRank > total { upperRank = total }
        return (upperRank - lowerRank) / count
    }
}
