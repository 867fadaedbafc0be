extension FloatHistogram {
    /// The same observations at a coarser exponential `schema` (≤ this one): each bucket merges into the bucket of
    /// the coarser schema that contains it. Custom-bound histograms are returned unchanged.
    func reduced(to target: Int32) -> FloatHistogram {
        guard !usesCustomBuckets, target < schema else { return self }
        let shift = schema - target
        func merge(_ buckets: [Int32: Double]) -> [Int32: Double] {
            var merged: [Int32: Double] = [:]
            for (index, count) in buckets { merged[((index - 1) >> shift) + 1, default: 0] += count }
            return merged
        }
        var copy = self
        copy.schema = target
        copy.positive = merge(positive)
        copy.negative = merge(negative)
        return copy
    }

    /// The same observations with a zero bucket at least `threshold` wide: buckets below it merge into the zero
    /// bucket; when a bucket with observations straddles it, the threshold grows to that bucket's bound.
    func widened(toZeroThreshold threshold: Double) -> FloatHistogram {
        guard threshold > zeroThreshold, !usesCustomBuckets else { return self }
        var copy = self
        var threshold = threshold
        while true {
            copy = self
            copy.zeroThreshold = threshold
            var grown = false
            for (sign, buckets) in [(1.0, positive), (-1.0, negative)] {
                for index in buckets.keys.sorted() {
                    let lower = upperBound(of: index - 1)
                    guard lower < threshold else { break }
                    let count = buckets[index]!
                    copy.zeroCount += count
                    if sign > 0 { copy.positive[index] = nil } else { copy.negative[index] = nil }
                    let upper = upperBound(of: index)
                    if upper > threshold {
                        if count != 0 {
                            threshold = upper
                            grown = true
                        }
                        break
                    }
                }
            }
            if !grown { return copy }
        }
    }

    /// `self + sign·other` bucket by bucket, both first brought to the coarser schema and the wider zero bucket.
    /// - Returns: `nil` when one has custom bounds and the other not, or their custom bounds differ.
    func combined(with other: FloatHistogram, sign: Double) -> FloatHistogram? {
        guard usesCustomBuckets == other.usesCustomBuckets else { return nil }
        if usesCustomBuckets && customBounds != other.customBounds { return nil }
        let schema = Swift.min(self.schema, other.schema)
        var left = reduced(to: schema)
        var right = other.reduced(to: schema)
        let threshold = Swift.max(left.zeroThreshold, right.zeroThreshold)
        left = left.widened(toZeroThreshold: threshold)
        right = right.widened(toZeroThreshold: left.zeroThreshold)
        left = left.widened(toZeroThreshold: right.zeroThreshold)
        left.count += sign * right.count
        left.sum += sign * right.sum
        left.zeroCount += sign * right.zeroCount
        for (index, count) in right.positive { left.positive[index, default: 0] += sign * count }
        for (index, count) in right.negative { left.negative[index, default: 0] += sign * count }
        return left
    }

    /// Every count and the sum multiplied by `factor`.
    func scaled(by factor: Double) -> FloatHistogram {
        var copy = self
        copy.count *= factor
        copy.sum *= factor
        copy.zeroCount *= factor
        copy.positive = positive.mapValues { $0 * factor }
        copy.negative = negative.mapValues { $0 * factor }
        return copy
    }

    /// Whether this sample starts anew after `previous`, by PromQL's rule: the hint when it says reset or not
    /// reset, else any count that went down (the total, the zero bucket or a bucket, compared at this sample's
    /// schema and zero threshold), a finer schema, a narrower zero bucket, or changed custom bounds.
    func isCounterReset(after previous: FloatHistogram) -> Bool {
        switch hint {
        case .reset: return true
        case .notReset: return false
        case .unknown, .gauge: break
        }
        if count < previous.count { return true }
        if usesCustomBuckets != previous.usesCustomBuckets { return true }
        if usesCustomBuckets && customBounds != previous.customBounds { return true }
        if schema > previous.schema { return true }
        if zeroThreshold < previous.zeroThreshold { return true }
        let before = previous.reduced(to: schema).widened(toZeroThreshold: zeroThreshold)
        if before.zeroThreshold != zeroThreshold { return true }
        if zeroCount < before.zeroCount { return true }
        for (index, count) in before.positive where count > 0 && (positive[index] ?? 0) < count { return true }
        for (index, count) in before.negative where count > 0 && (negative[index] ?? 0) < count { return true }
        return false
    }
}
