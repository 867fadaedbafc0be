import SibylAnalysis
import Testing

struct WindowComplianceTests {
    /// Samples every `stepSeconds` from `startSeconds`, one per value, timestamps in milliseconds.
    static func regular(from startSeconds: Int64 = 0, every stepSeconds: Int64 = 5, _ values: [Double]) -> [Int64] {
        values.indices.map { (startSeconds + Int64($0) * stepSeconds) * 1000 }
    }

    static func judge(
        _ timestamps: [Int64], _ values: [Double], min: Double? = nil, max: Double? = nil, endSeconds: Int64,
        lengthSeconds: Int64, stepSeconds: Int64 = 5
    ) throws -> WindowCompliance {
        try WindowCompliance(
            timestamps: timestamps, values: values, range: AllowedRange(min: min, max: max), end: endSeconds * 1000,
            length: lengthSeconds * 1000, stepMilliseconds: stepSeconds * 1000)
    }

    @Test("inside: full compliance, and the worst value is the nearest miss")
    func allInside() throws {
        var values = [Double](repeating: 5, count: 13)
        values[3] = 9  // margin 1 to max 10
        values[8] = 1.5  // margin 0.5 to min 1: the nearest miss
        let got = try Self.judge(Self.regular(values), values, min: 1, max: 10, endSeconds: 60, lengthSeconds: 60)
        #expect(got.judgedSamples == 12)
        #expect(got.samplesOutside == 0)
        #expect(got.secondsOutside == 0)
        #expect(got.secondsCovered == 60)
        #expect(got.complianceRatio == 1)
        #expect(got.worst == WindowCompliance.WorstSample(timestamp: 40_000, value: 1.5, excess: -0.5))
        #expect(got.worst?.isOutside == false)
    }

    @Test("outside for an exact span (the doc comment's example)")
    func outsideForExactSpan() throws {
        var values = [Double](repeating: 1, count: 13)
        values[4] = 12
        values[5] = 15
        let got = try Self.judge(Self.regular(values), values, max: 10, endSeconds: 60, lengthSeconds: 60)
        #expect(got.judgedSamples == 12)
        #expect(got.samplesOutside == 2)
        #expect(got.millisecondsOutside == 10_000)
        #expect(got.secondsCovered == 60)
        #expect(got.complianceRatio == 50.0 / 60)
        #expect(got.worst == WindowCompliance.WorstSample(timestamp: 25_000, value: 15, excess: 5))
        #expect(got.worst?.isOutside == true)
    }

    @Test("outside for the whole window, in each of three windows")
    func nestedWindows() throws {
        // 12 minutes of 5 s samples; the last 90 s are at 50, above max 10.
        let count = 12 * 12 + 1
        let values = (0..<count).map { $0 >= count - 18 ? 50.0 : 1.0 }
        let timestamps = Self.regular(values)
        let end: Int64 = 720
        for (length, inside) in [(60, 0.0), (300, 210.0), (600, 510.0)] as [(Int64, Double)] {
            let got = try Self.judge(timestamps, values, max: 10, endSeconds: end, lengthSeconds: length)
            #expect(got.samplesOutside == Swift.min(Int(length / 5), 18), "\(length) s")
            #expect(got.secondsOutside == Swift.min(Double(length), 90), "\(length) s")
            #expect(got.secondsCovered == Double(length), "\(length) s")
            #expect(got.complianceRatio == inside / Double(length), "\(length) s")
            #expect(got.worst?.timestamp == (end - Swift.min(length, 90) + 5) * 1000, "\(length) s: earliest of ties")
        }
    }

    @Test("a gap longer than two steps counts two steps; a gap of two steps counts in full")
    func gapsAreCapped() throws {
        let timestamps: [Int64] = [0, 5_000, 10_000, 40_000, 45_000, 55_000, 66_000]
        let values: [Double] = [1, 1, 1, 50, 1, 50, 50]
        let got = try WindowCompliance(
            timestamps: timestamps, values: values, range: AllowedRange(min: nil, max: 10), end: 66_000,
            length: 66_000, stepMilliseconds: 5_000)
        // Intervals: 5, 5, 10 (30 s gap, capped), 5, 10 (two steps), 10 (11 s, capped).
        #expect(got.judgedSamples == 6)
        #expect(got.samplesOutside == 3)
        #expect(got.millisecondsCovered == 45_000)
        #expect(got.millisecondsOutside == 30_000)
        #expect(got.complianceRatio == 15.0 / 45)
    }

    @Test("a sample at T − w is excluded (it only starts the next interval), one at T is in, later ones are not")
    func windowEdges() throws {
        var values = [Double](repeating: 1, count: 14)  // 0 … 65 s
        values[6] = 100  // at 30 s = T − w
        values[12] = 20  // at 60 s = T
        values[13] = 500  // at 65 s, after T
        let got = try Self.judge(Self.regular(values), values, max: 10, endSeconds: 60, lengthSeconds: 30)
        #expect(got.judgedSamples == 6)
        #expect(got.samplesOutside == 1)
        #expect(got.secondsOutside == 5)
        #expect(got.secondsCovered == 30)
        #expect(got.worst == WindowCompliance.WorstSample(timestamp: 60_000, value: 20, excess: 10))
    }

    @Test("the first interval starts at the sample before the window, clipped at the window start")
    func firstIntervalFromPreviousSample() throws {
        let range = try AllowedRange(min: nil, max: 10)
        // Previous sample 3 s before the window: the first interval is clipped to 2 s.
        let clipped = try WindowCompliance(
            timestamps: [95_000, 102_000, 107_000], values: [1, 50, 1], range: range, end: 200_000, length: 100_000,
            stepMilliseconds: 5_000)
        #expect(clipped.millisecondsCovered == 7_000)
        #expect(clipped.millisecondsOutside == 2_000)
        // Previous sample long before: the first interval is capped at two steps.
        let capped = try WindowCompliance(
            timestamps: [0, 150_000, 155_000], values: [1, 50, 1], range: range, end: 200_000, length: 100_000,
            stepMilliseconds: 5_000)
        #expect(capped.millisecondsCovered == 15_000)
        #expect(capped.millisecondsOutside == 10_000)
    }

    @Test("a series that starts inside the window: the first interval is one step, clipped at the window start")
    func firstIntervalWithoutPreviousSample() throws {
        let range = try AllowedRange(min: nil, max: 10)
        let late = try WindowCompliance(
            timestamps: [170_000, 175_000], values: [50, 1], range: range, end: 200_000, length: 100_000,
            stepMilliseconds: 5_000)
        #expect(late.millisecondsCovered == 10_000)
        #expect(late.millisecondsOutside == 5_000)
        let early = try WindowCompliance(
            timestamps: [102_000, 107_000], values: [50, 1], range: range, end: 200_000, length: 100_000,
            stepMilliseconds: 5_000)
        #expect(early.millisecondsCovered == 7_000)
        #expect(early.millisecondsOutside == 2_000)
    }

    @Test("NaN samples are neither inside nor outside, and their time is not covered")
    func nanSamples() throws {
        let stale = Double(bitPattern: 0x7ff0_0000_0000_0002)
        let values: [Double] = [1, 1, .nan, 50, stale, .nan, 1]  // 0 … 30 s
        let got = try Self.judge(Self.regular(values), values, max: 10, endSeconds: 30, lengthSeconds: 30)
        // Judged: 5 s (interval 5), 15 s (from the NaN at 10 s: 5), 30 s (from the NaN at 25 s: 5).
        #expect(got.judgedSamples == 3)
        #expect(got.samplesOutside == 1)
        #expect(got.secondsOutside == 5)
        #expect(got.secondsCovered == 15)
        #expect(got.complianceRatio == 10.0 / 15)
        #expect(got.worst == WindowCompliance.WorstSample(timestamp: 15_000, value: 50, excess: 40))
    }

    @Test("nothing judged: no compliance ratio and no worst value")
    func nothingJudged() throws {
        let onlyNaN = try Self.judge([5_000, 10_000], [.nan, .nan], max: 10, endSeconds: 10, lengthSeconds: 10)
        #expect(onlyNaN.judgedSamples == 0)
        #expect(onlyNaN.secondsCovered == 0)
        #expect(onlyNaN.complianceRatio == nil)
        #expect(onlyNaN.worst == nil)
        let empty = try Self.judge([], [], min: 0, endSeconds: 10, lengthSeconds: 10)
        #expect(empty.complianceRatio == nil && empty.worst == nil && empty.samplesOutside == 0)
        let beforeWindow = try Self.judge([1_000, 2_000], [50, 50], max: 10, endSeconds: 100, lengthSeconds: 10)
        #expect(beforeWindow.judgedSamples == 0 && beforeWindow.complianceRatio == nil)
    }

    @Test func onlyMin() throws {
        let values: [Double] = [12, 12, 8, 3, 11]
        let got = try Self.judge(Self.regular(values), values, min: 10, endSeconds: 20, lengthSeconds: 20)
        #expect(got.samplesOutside == 2)
        #expect(got.secondsOutside == 10)
        #expect(got.worst == WindowCompliance.WorstSample(timestamp: 15_000, value: 3, excess: 7))
    }

    @Test func onlyMax() throws {
        let values: [Double] = [1, 8, 12, 30, 9]
        let got = try Self.judge(Self.regular(values), values, max: 10, endSeconds: 20, lengthSeconds: 20)
        #expect(got.samplesOutside == 2)
        #expect(got.secondsOutside == 10)
        #expect(got.worst == WindowCompliance.WorstSample(timestamp: 15_000, value: 30, excess: 20))
    }

    @Test("the worst value is judged against the bound each sample violates")
    func worstAcrossBothBounds() throws {
        // Range [5, 20]. In the window: 15 (excess −5), 2 (3 below min), 23 (3 above max), 5 (0, on the bound).
        let values: [Double] = [0, 15, 2, 23, 5]
        let got = try Self.judge(Self.regular(values), values, min: 5, max: 20, endSeconds: 20, lengthSeconds: 20)
        #expect(got.samplesOutside == 2)
        #expect(got.worst == WindowCompliance.WorstSample(timestamp: 10_000, value: 2, excess: 3))
    }

    @Test("a counter reset is not a violation; a rate burst is")
    func counterRateAgainstRange() throws {
        // A counter sampled every 5 s for 100 s, growing 50 a step (10/s), 150 a step (30/s) at 35–45 s,
        // and restarting from 0 at 60 s (value 50 there: 10/s by the reset rule, not a negative rate).
        var counter: [Double] = [0]
        for step in 1...20 {
            let increase: Double = (7...9).contains(step) ? 150 : 50
            counter.append(step == 12 ? 50 : counter[step - 1] + increase)
        }
        let rate = try CounterRate(counterTimestamps: Self.regular(counter), counterValues: counter)
        #expect(rate.timestamps.count == 20)
        let got = try WindowCompliance(
            timestamps: rate.timestamps, values: rate.values, range: AllowedRange(min: 0, max: 20), end: 100_000,
            length: 90_000, stepMilliseconds: 5_000)
        #expect(got.judgedSamples == 18)
        #expect(got.samplesOutside == 3)
        #expect(got.secondsOutside == 15)
        #expect(got.secondsCovered == 90)
        #expect(got.complianceRatio == 75.0 / 90)
        #expect(got.worst == WindowCompliance.WorstSample(timestamp: 35_000, value: 30, excess: 10))
    }

    @Test("a window reaching before the representable time takes every sample up to T")
    func hugeWindow() throws {
        let values: [Double] = [1, 50, 1]
        let got = try WindowCompliance(
            timestamps: [Int64.min, Int64.min + 5_000, Int64.min + 10_000], values: values,
            range: AllowedRange(min: nil, max: 10), end: Int64.min + 10_000, length: 1_000_000,
            stepMilliseconds: 5_000)
        #expect(got.judgedSamples == 3)
        #expect(got.millisecondsCovered == 15_000)
        #expect(got.millisecondsOutside == 5_000)
    }

    @Test func rejectsBadArguments() throws {
        let range = try AllowedRange(min: 0, max: 1)
        #expect(throws: AnalysisError.self) {
            try WindowCompliance(timestamps: [1], values: [], range: range, end: 0, length: 1, stepMilliseconds: 1)
        }
        #expect(throws: AnalysisError.self) {
            try WindowCompliance(timestamps: [], values: [], range: range, end: 0, length: 0, stepMilliseconds: 1)
        }
        #expect(throws: AnalysisError.self) {
            try WindowCompliance(timestamps: [], values: [], range: range, end: 0, length: 1, stepMilliseconds: 0)
        }
        #expect(throws: AnalysisError.self) {
            try WindowCompliance(
                timestamps: [], values: [], range: range, end: 0, length: 1, stepMilliseconds: .max / 2 + 1)
        }
    }
}
