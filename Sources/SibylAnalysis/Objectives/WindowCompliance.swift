/// How one series' samples in a window `(T − w, T]` sit against an ``AllowedRange``: samples and time outside,
/// the compliance ratio and the worst value.
///
/// **Intervals.** Each sample stands for the time since the sample before it: sample `i` at `tᵢ` covers
///
///     (max(tᵢ₋₁, tᵢ − 2·step, T − w), tᵢ]
///
/// so an interval is capped at two steps over gaps (a missed scrape still counts, a long outage does not)
/// and clipped at the window's start. For the first sample of the window, `tᵢ₋₁` is the newest sample
/// before the window when the input holds one; otherwise (the series starts inside the window) the
/// interval is one step, `(max(tᵢ − step, T − w), tᵢ]`. Intervals never overlap and lie inside the window,
/// so the time covered is at most `w`. The time after the newest sample is not covered.
///
/// **Results.** A sample is outside when its value is outside the range (``AllowedRange/isOutside(_:)``).
/// Seconds outside is the sum of the intervals of the samples outside; the time covered is the sum of the
/// intervals of all judged samples; the compliance ratio is `(covered − outside) / covered`.
///
/// **NaN.** A NaN sample (including a stale marker) is neither inside nor outside: it is not judged, its
/// interval is neither covered nor outside, and it is not a worst value. It still marks a point in time,
/// so the next sample's interval starts at it: the time a NaN sample stands for is simply unknown.
///
/// **Worst value.** The judged sample with the largest ``AllowedRange/excess(_:)``: when samples are
/// outside, the one farthest past the bound it violates (`value − max` above, `min − value` below); when
/// none is, the one closest to a bound — the nearest miss, the smallest margin. The earliest wins a tie.
/// It is `nil` only when no sample is judged.
///
/// Example: step 5 s, range max 10, samples every 5 s at 0…60 s with values 1 except 12 at 20 s and
/// 15 at 25 s, window (0 s, 60 s]: 12 samples judged, 2 outside, 10 s outside, 60 s covered,
/// compliance 50/60, worst 15 at 25 s. The sample at 0 s is before the window and only starts the
/// interval of the sample at 5 s.
public struct WindowCompliance: Sendable, Hashable {
    /// The sample that is most outside the range, or nearest to leaving it.
    public struct WorstSample: Sendable, Hashable {
        /// The sample's time in milliseconds.
        public let timestamp: Int64
        /// The sample's value.
        public let value: Double
        /// ``AllowedRange/excess(_:)`` of the value: positive outside, zero or negative (the margin) inside.
        public let excess: Double

        /// Creates a worst sample.
        /// - Parameters:
        ///   - timestamp: time in milliseconds.
        ///   - excess: its excess over the range.
        public init(timestamp: Int64, value: Double, excess: Double) {
            self.timestamp = timestamp
            self.value = value
            self.excess = excess
        }

        /// Whether the sample is outside the range.
        public var isOutside: Bool { excess > 0 }
    }

    /// Samples in the window whose value is not NaN.
    public let judgedSamples: Int
    /// Judged samples outside the range.
    public let samplesOutside: Int
    /// Sum of the intervals of the samples outside, in milliseconds.
    public let millisecondsOutside: Int64
    /// Sum of the intervals of all judged samples, in milliseconds.
    public let millisecondsCovered: Int64
    /// The sample most outside the range, or nearest to a bound when none is outside; `nil` when none is judged.
    public let worst: WorstSample?

    /// Seconds outside the range (``millisecondsOutside`` / 1000).
    public var secondsOutside: Double { Double(millisecondsOutside) / 1000 }

    /// Seconds covered by judged samples (``millisecondsCovered`` / 1000).
    public var secondsCovered: Double { Double(millisecondsCovered) / 1000 }

    /// Time inside over time covered, in [0, 1]; `nil` when nothing is covered (no judged sample), never NaN.
    public var complianceRatio: Double? {
        guard millisecondsCovered > 0 else { return nil }
        return Double(millisecondsCovered - millisecondsOutside) / Double(millisecondsCovered)
    }

    /// Judges the samples of `(timestamps, values)` in `(end − length, end]` against `range`.
    ///
    /// Runs in O(log n) to find the window plus O(samples in the window), and allocates nothing.
    /// - Parameters:
    ///   - timestamps: sample times in milliseconds, ascending; may extend before and after the window
    ///     (the newest sample before it starts the first interval).
    ///   - values: the samples, one per timestamp.
    ///   - range: the allowed range.
    ///   - end: the window's inclusive end `T`, in milliseconds (the evaluation time).
    ///   - length: the window length `w` in milliseconds.
    ///   - stepMilliseconds: the sampling step (the scrape interval).
    /// - Throws: `AnalysisError.invalidArgument` when the arrays differ in length, `length` is not positive,
    ///   or the step is not in `1...Int64.max / 2`.
    public init(
        timestamps: [Int64], values: [Double], range: AllowedRange, end: Int64, length: Int64,
        stepMilliseconds: Int64
    ) throws {
        guard timestamps.count == values.count else {
            throw AnalysisError.invalidArgument("\(timestamps.count) timestamps but \(values.count) values")
        }
        guard length > 0 else { throw AnalysisError.invalidArgument("window length must be positive, got \(length)") }
        guard stepMilliseconds > 0, stepMilliseconds <= Int64.max / 2 else {
            throw AnalysisError.invalidArgument("step must be in 1...\(Int64.max / 2) ms, got \(stepMilliseconds)")
        }
        let gapCap = stepMilliseconds * 2
        // The window start T − w; when it underflows, every sample up to T is in the window.
        let (start, underflow) = end.subtractingReportingOverflow(length)
        let lower = underflow ? 0 : Self.firstIndex(in: timestamps, after: start)
        let upper = Self.firstIndex(in: timestamps, after: end)

        var judged = 0
        var outside = 0
        var outsideTime: Int64 = 0
        var coveredTime: Int64 = 0
        var worst: WorstSample?
        var previous: Int64? = lower > 0 ? timestamps[lower - 1] : nil
        var index = lower
        while index < upper {
            let time = timestamps[index]
            var interval = previous.map { Self.span(from: $0, to: time, cap: gapCap) } ?? stepMilliseconds
            if !underflow { interval = Self.span(from: start, to: time, cap: interval) }
            previous = time
            let value = values[index]
            index += 1
            guard !value.isNaN else { continue }
            judged += 1
            coveredTime &+= interval  // cannot wrap for ascending times: the intervals are disjoint within w
            let excess = range.excess(value)
            if excess > 0 {
                outside += 1
                outsideTime &+= interval
            }
            if worst.map({ excess > $0.excess }) ?? true {
                worst = WorstSample(timestamp: time, value: value, excess: excess)
            }
        }
        judgedSamples = judged
        samplesOutside = outside
        millisecondsOutside = outsideTime
        millisecondsCovered = coveredTime
        self.worst = worst
    }

    /// `min(later − earlier, cap)`, and 0 when `later` is not after `earlier`; never traps.
    private static func span(from earlier: Int64, to later: Int64, cap: Int64) -> Int64 {
        guard later > earlier else { return 0 }
        let (difference, overflow) = later.subtractingReportingOverflow(earlier)
        return overflow ? cap : Swift.min(difference, cap)
    }

    /// The index of the first timestamp greater than `time` (binary search over ascending times).
    private static func firstIndex(in timestamps: [Int64], after time: Int64) -> Int {
        var low = 0
        var high = timestamps.count
        while low < high {
            let middle = low + (high - low) / 2
            if timestamps[middle] <= time { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
