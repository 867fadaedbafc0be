import SibylAnalysis
import Testing

struct SLIHistoryMeanErrorRatioTests {
    static let minute: Int64 = 60_000

    /// A history of one cycle a minute from minute 1, with `bad` of `total` events each.
    static func history(_ cycles: [(bad: Double, total: Double)]) -> SLIHistory {
        var history = SLIHistory()
        for (index, cycle) in cycles.enumerated() {
            history.append(SLIEvents(good: cycle.total - cycle.bad, total: cycle.total), at: Int64(index + 1) * minute)
        }
        return history
    }

    @Test("each cycle weighs alike: the mean of the cycles' window ratios, not the span's ratio")
    func cyclesWeighAlike() throws {
        // Windows of one minute: ratios 1/10 and 30/100; the span's own ratio would be 31/110.
        let history = Self.history([(1, 10), (30, 100)])
        let mean = try #require(history.meanErrorRatio(endingAt: 2 * Self.minute, length: 2 * Self.minute, window: 1))
        #expect(mean == (0.1 + 0.3) / 2)
        #expect(mean != 31.0 / 110)
    }

    @Test("a cycle's window reaches back before the span, and the span is (end − length, end]")
    func windowsReachBack() throws {
        // Minutes 1 … 6: bad 0, 5, 0, 0, 0, 10 of 100 each. Windows of 3 minutes at the cycles of (3m, 6m]:
        // minute 4 → (1m, 4m] = 5/300 (minute 2, before the span), minute 5 → (2m, 5m] = 0, minute 6 → 10/300.
        let history = Self.history([(0, 100), (5, 100), (0, 100), (0, 100), (0, 100), (10, 100)])
        let mean = try #require(
            history.meanErrorRatio(endingAt: 6 * Self.minute, length: 3 * Self.minute, window: 3 * Self.minute))
        let expected: Double = (5.0 / 300 + 10.0 / 300) / 3
        #expect(mean == expected)
        // The cycle at 3m lies on the span's open start: left out (its window, (0, 3m], would give 5/300 too).
        let shorter = try #require(
            history.meanErrorRatio(endingAt: 5 * Self.minute, length: 2 * Self.minute, window: 3 * Self.minute))
        let expectedShorter: Double = 5.0 / 300 / 2
        #expect(shorter == expectedShorter)
    }

    @Test("a cycle whose window had no events is left out; none at all is nil")
    func withoutEvents() throws {
        let history = Self.history([(2, 10), (0, 0), (0, 0), (1, 20)])
        let mean = try #require(history.meanErrorRatio(endingAt: 4 * Self.minute, length: 4 * Self.minute, window: 1))
        #expect(mean == (0.2 + 0.05) / 2)
        let idle = Self.history([(0, 0), (0, 0)])
        #expect(idle.meanErrorRatio(endingAt: 2 * Self.minute, length: 2 * Self.minute, window: Self.minute) == nil)
        #expect(SLIHistory().meanErrorRatio(endingAt: 0, length: Self.minute, window: Self.minute) == nil)
        // A span after every cycle holds none.
        #expect(history.meanErrorRatio(endingAt: 60 * Self.minute, length: Self.minute, window: Self.minute) == nil)
    }

    @Test("the sum is compensated as Prometheus' sum_over_time is: small ratios after a large one are not lost")
    func compensatedSum() throws {
        // Ratios 1, then 2⁻⁵³ twice: a plain sum rounds each 2⁻⁵³ away (1 + 2⁻⁵³ is 1), Neumaier's keeps them, so
        // the sum is 1 + 2⁻⁵² and the mean (1 + 2⁻⁵²) / 3.
        let tiny = 0x1p-53
        let history = Self.history([(1, 1), (tiny, 1), (tiny, 1)])
        let mean = try #require(history.meanErrorRatio(endingAt: 3 * Self.minute, length: 3 * Self.minute, window: 1))
        #expect(mean == (1 + 0x1p-52) / 3)
        #expect(mean != 1.0 / 3)
    }
}
