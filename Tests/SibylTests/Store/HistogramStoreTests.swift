import SibylWire
import Testing

@testable import Sibyl

struct HistogramStoreTests {
    static func samples(_ times: [Int64]) -> [HistogramSample] {
        times.map { HistogramSample(timestamp: $0, histogram: NativeHistogram(count: Double($0), sum: 1)) }
    }

    @Test("keeps samples that advance time, refuses series over the limit, expires and retains")
    func lifecycle() {
        var store = HistogramStore(maxSeries: 2)
        let first = [Label("__name__", "a")]
        let second = [Label("__name__", "b")]
        #expect(store.ingest(first, Self.samples([10, 20, 30])) == 3)
        // An overlapping read: only what comes after the last held sample is new.
        #expect(store.ingest(first, Self.samples([20, 30, 40, 40, 50])) == 2)
        #expect(store.series[first]?.map(\.timestamp) == [10, 20, 30, 40, 50])
        #expect(store.ingest(second, Self.samples([5])) == 1)
        #expect(store.ingest([Label("__name__", "c")], Self.samples([1])) == 0)
        #expect(store.refusedSeries == 1)
        #expect(store.count == 2)
        // Retention 20 at time 50: samples at or before 30 go, and the series left without any.
        #expect(store.expire(now: 50, retention: 20) == [second])
        #expect(store.series[first]?.map(\.timestamp) == [40, 50])
        #expect(store.retain { $0 != first } == 1)
        #expect(store.count == 0)
    }
}
