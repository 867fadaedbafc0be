import Sibyl
import SibylWire
import Testing

struct SeriesStoreTests {
    static func series(_ name: String, _ times: [Int64]) -> TimeSeries {
        TimeSeries(labels: [Label("__name__", name)], samples: times.map { Sample(timestamp: $0, value: 1) })
    }

    @Test("beyond max_series new series are refused and counted; known series still grow")
    func limit() {
        var store = SeriesStore(maxSeries: 2)
        store.ingest(Self.series("a", [1]))
        store.ingest(Self.series("b", [1]))
        #expect(store.ingest(Self.series("c", [1])) == 0)
        #expect(store.refusedSeries == 1)
        #expect(store.ingest(Self.series("a", [2])) == 1)
        #expect(store.count == 2)
    }

    @Test("a series with no sample for longer than the retention is dropped; the others are trimmed")
    func expiry() {
        var store = SeriesStore(maxSeries: 10)
        store.ingest(Self.series("old", [1000, 2000]))
        store.ingest(Self.series("live", [1000, 2000, 9000]))
        let dropped = store.expire(now: 10_000, retention: 5000)
        #expect(dropped == [[Label("__name__", "old")]])
        #expect(store.expiredSeries == 1)
        #expect(store.entries[[Label("__name__", "live")]]?.buffer.count == 1)
    }
}
