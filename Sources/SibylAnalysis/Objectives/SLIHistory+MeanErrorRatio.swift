extension SLIHistory {
    /// The mean, over the cycles in `(end − length, end]`, of the error ratio of the `window` ending at each cycle:
    /// `(Σᵢ badᵢ / totalᵢ) / n`, where `badᵢ` and `totalᵢ` are the events of the cycles in `(tᵢ − window, tᵢ]` and
    /// the `n` cycles are those whose window had events (one without events is left out, as a missing sample is).
    ///
    /// This is not the error ratio of the span (that weighs each event alike): every cycle weighs alike, however
    /// many events its window had. It is Sloth's period indicator, `sum_over_time(slo:sli_error:ratio_rate5m[30d])
    /// / count_over_time(slo:sli_error:ratio_rate5m[30d])`, with one sample per cycle; the sum is compensated
    /// (Neumaier's improvement of Kahan summation, as Prometheus' `sum_over_time` adds), so that the same ratios
    /// give the same mean bit for bit. The window of a cycle near the span's start reaches back before it: the
    /// history must hold `window` more than `length` for those to be whole.
    ///
    /// Worked value: cycles every minute whose 5-minute windows had error ratios 0.1, 0.3 and (no events), over a
    /// span holding all three: (0.1 + 0.3) / 2 = 0.2.
    /// - Parameters:
    ///   - end: the span's inclusive end, Unix milliseconds.
    ///   - length: the span's length, milliseconds.
    ///   - window: each cycle's window, milliseconds.
    /// - Returns: the mean error ratio, `nil` when no cycle's window had events.
    public func meanErrorRatio(endingAt end: Int64, length: Int64, window: Int64) -> Double? {
        let first = times.partitioningIndex { $0 > end - length }
        let last = times.partitioningIndex { $0 > end }
        guard first < last else { return nil }
        // The oldest cycle inside the window of cycle `index`: it only moves forward as `index` does.
        var oldest = times.partitioningIndex { $0 > times[first] - window }
        var sum = CompensatedSum()
        var count = 0
        for index in first..<last {
            while times[oldest] <= times[index] - window { oldest += 1 }
            let events = sums[index + 1] - sums[oldest]
            guard events.total > 0 else { continue }
            sum.add(events.bad / events.total)
            count += 1
        }
        return count > 0 ? sum.value / Double(count) : nil
    }
}

/// A sum with Neumaier's compensation: the rounding error of each addition is kept apart and added at the end, as
/// Prometheus' `kahanSumInc` does for `sum_over_time`.
private struct CompensatedSum {
    private var sum = 0.0
    private var compensation = 0.0

    mutating func add(_ value: Double) {
        let total = sum + value
        if abs(sum) >= abs(value) {
            compensation += (sum - total) + value
        } else {
            compensation += (value - total) + sum
        }
        sum = total
    }

    /// The sum; an infinite running sum is returned as it is (its compensation would be NaN).
    var value: Double { sum.isInfinite ? sum : sum + compensation }
}
