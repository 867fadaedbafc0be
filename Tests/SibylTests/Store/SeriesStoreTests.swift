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
        // The live series' window holds only its newest sample (its one chunk stays whole until 9000 leaves).
        #expect(store.entries[[Label("__name__", "live")]]?.buffer.samples(endingAt: 10_000, length: 5000).timestamps == [9000])
    }

    @Test("of the series with the same derived labels, the one whose label set sorts first stays, in any order")
    func collisions() {
        let renamed = [Label("__name__", "m"), Label("window", "5")]  // window becomes exported_window
        let exported = [Label("__name__", "m"), Label("exported_window", "5")]
        let internalLabel = [Label("__name__", "m"), Label("__tenant__", "a"), Label("window", "5")]
        let empty = [Label("__name__", "m"), Label("empty", ""), Label("exported_window", "5")]
        let other = [Label("__name__", "m"), Label("window", "6")]
        let all = [renamed, exported, internalLabel, empty, other]
        for order in [all, all.reversed()] {
            var store = SeriesStore(maxSeries: 10)
            for labels in order { store.ingest(TimeSeries(labels: labels, samples: [Sample(timestamp: 1, value: 1)])) }
            let collisions = store.removeCollisions(by: SourceLabels.collisionKey)
            #expect(collisions.map(\.dropped) == [empty, exported, renamed])
            #expect(collisions.allSatisfy { $0.kept == internalLabel })
            #expect(Set(store.entries.keys) == [internalLabel, other])
            #expect(store.removeCollisions(by: SourceLabels.collisionKey).isEmpty)
        }
    }
}
