import SibylAnalysis
import SibylTestSupport
import Testing

extension WindowComplianceTests {
    /// What a naive integration over time gives: which sample owns each 100 ms slot of the window.
    struct Reference: Equatable {
        var judged = 0
        var outside = 0
        var millisecondsOutside: Int64 = 0
        var millisecondsCovered: Int64 = 0
        var worstTimestamp: Int64?
        var worstValue: Double?
    }

    static let quantum: Int64 = 100

    /// Walks the window slot by slot. The slot `(u − q, u]` belongs to the first sample at or after `u`,
    /// when that sample is in the window and the slot starts no earlier than the sample's interval:
    /// the sample before it, two steps back, or one step back for the very first sample.
    static func reference(
        timestamps: [Int64], values: [Double], min: Double?, max: Double?, end: Int64, length: Int64, step: Int64
    ) -> Reference {
        var result = Reference()
        func distanceOutside(_ value: Double) -> Double {
            // Distance past the violated bound, or minus the distance to the nearer bound.
            var below = -Double.infinity
            var above = -Double.infinity
            if let min { below = min - value }
            if let max { above = value - max }
            return below > above ? below : above
        }
        var worstDistance = -Double.infinity
        for index in timestamps.indices where timestamps[index] > end - length && timestamps[index] <= end {
            let value = values[index]
            if value.isNaN { continue }
            result.judged += 1
            let isOutside = (min.map { value < $0 } ?? false) || (max.map { value > $0 } ?? false)
            if isOutside { result.outside += 1 }
            let distance = distanceOutside(value)
            if result.worstTimestamp == nil || distance > worstDistance {
                worstDistance = distance
                result.worstTimestamp = timestamps[index]
                result.worstValue = value
            }
        }
        var owner = 0
        var slotEnd = end - length + quantum
        while slotEnd <= end {
            while owner < timestamps.count && timestamps[owner] < slotEnd { owner += 1 }
            defer { slotEnd += quantum }
            guard owner < timestamps.count, timestamps[owner] <= end else { continue }
            let intervalStart =
                owner == 0 ? timestamps[owner] - step : Swift.max(timestamps[owner - 1], timestamps[owner] - 2 * step)
            guard slotEnd - quantum >= intervalStart, !values[owner].isNaN else { continue }
            result.millisecondsCovered += quantum
            let value = values[owner]
            if (min.map { value < $0 } ?? false) || (max.map { value > $0 } ?? false) {
                result.millisecondsOutside += quantum
            }
        }
        return result
    }

    @Test("agrees with a slot-by-slot integration on random series", arguments: 0..<4)
    func matchesReference(seed: UInt64) throws {
        var random = SeededRandom(seed: 0x5EED_0B1E + seed)
        for _ in 0..<100 {
            let step: Int64 = [1_000, 5_000].randomElement(using: &random) ?? 5_000
            var timestamps: [Int64] = []
            var values: [Double] = []
            var time = Int64.random(in: 0...200, using: &random) * Self.quantum
            for _ in 0..<Int.random(in: 0...150, using: &random) {
                timestamps.append(time)
                let isNaN = Double.random(in: 0..<1, using: &random) < 0.1
                values.append(isNaN ? .nan : Double(Int.random(in: 0...100, using: &random)))
                let isGap = Double.random(in: 0..<1, using: &random) < 0.1
                let gapSteps = isGap ? Int64.random(in: 2...12, using: &random) : 1
                let jitter = Int64.random(in: -3...3, using: &random) * Self.quantum
                time += Swift.max(Self.quantum, gapSteps * step + jitter)
            }
            let bounds = Int.random(in: 0..<3, using: &random)
            let low = Double(Int.random(in: 0...60, using: &random))
            let min: Double? = bounds == 1 ? nil : low
            let max: Double? = bounds == 0 ? nil : low + Double(Int.random(in: 0...60, using: &random))
            let last = timestamps.last ?? time
            let end = Int64.random(in: -50...Swift.max(0, last / Self.quantum + 50), using: &random) * Self.quantum
            let longest = Swift.max(1, (last + 5 * step) / Self.quantum)
            let length = Int64.random(in: 1...longest, using: &random) * Self.quantum

            let got = try WindowCompliance(
                timestamps: timestamps, values: values, range: AllowedRange(min: min, max: max), end: end,
                length: length, stepMilliseconds: step)
            let want = Self.reference(
                timestamps: timestamps, values: values, min: min, max: max, end: end, length: length, step: step)
            let context =
                "step \(step) range [\(min.map { "\($0)" } ?? "-"), \(max.map { "\($0)" } ?? "-")] "
                + "window (\(end - length), \(end)] of \(timestamps.count) samples"
            #expect(got.judgedSamples == want.judged, "\(context)")
            #expect(got.samplesOutside == want.outside, "\(context)")
            #expect(got.millisecondsOutside == want.millisecondsOutside, "\(context)")
            #expect(got.millisecondsCovered == want.millisecondsCovered, "\(context)")
            #expect(got.worst?.timestamp == want.worstTimestamp, "\(context)")
            #expect(got.worst?.value == want.worstValue, "\(context)")
            #expect(got.millisecondsCovered <= length, "\(context)")
            if let ratio = got.complianceRatio {
                #expect(ratio >= 0 && ratio <= 1, "\(context)")
            }
        }
    }
}
