import Testing

@testable import SibylAnalysis

struct LatencyEventsTests {
    @Test("classic buckets: a bound gives its increase, between bounds linear, above the last finite bound that one")
    func classic() throws {
        let increases: [(le: Double, increase: Double)] = [(.infinity, 100), (0.1, 50), (0.5, 90), (1, 96)]
        #expect(LatencyEvents.classic(increases, atMost: 0.5) == SLIEvents(good: 90, total: 100))
        #expect(LatencyEvents.classic(increases, atMost: 0.3) == SLIEvents(good: 70, total: 100))
        // Below the first bound, from 0: half of the first bucket.
        #expect(LatencyEvents.classic(increases, atMost: 0.05) == SLIEvents(good: 25, total: 100))
        #expect(LatencyEvents.classic(increases, atMost: 5) == SLIEvents(good: 96, total: 100))
        #expect(LatencyEvents.classic([(0.1, 5), (1, 7)], atMost: 0.5) == nil)
    }

    @Test("native histograms: consecutive spans add up to the whole, across a counter reset")
    func nativeSpansAddUp() {
        func histogram(fast: Double, slow: Double) -> FloatHistogram {
            FloatHistogram(schema: 0, count: fast + slow, sum: 0, positive: [-2: fast, 1: slow])
        }
        let samples: [(time: Int64, histogram: FloatHistogram)] = [
            (0, histogram(fast: 10, slow: 0)), (10, histogram(fast: 18, slow: 2)), (20, histogram(fast: 25, slow: 5)),
            (30, histogram(fast: 3, slow: 1)), (40, histogram(fast: 10, slow: 1)),
        ]
        let whole = LatencyEvents.native(samples, atMost: 0.5, from: 0, to: 40)
        // 8 + 7 fast, 2 + 3 slow, then the restart's own 3 and 1, then 7 fast.
        #expect(whole == SLIEvents(good: 25, total: 31))
        let parts =
            LatencyEvents.native(samples, atMost: 0.5, from: 0, to: 25)
            + LatencyEvents.native(samples, atMost: 0.5, from: 25, to: 40)
        #expect(parts == whole)
        // A threshold inside the slow bucket (1, 2] interpolates exponentially: √2 is halfway on a log scale.
        let inside = LatencyEvents.native(samples, atMost: 2.0.squareRoot(), from: 0, to: 20)
        #expect(abs(inside.good - (15 + 2.5)) < 1e-9)
    }
}
