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

    @Test("past max_bytes new series are refused and counted apart; known series still grow")
    func byteLimit() {
        let long = (1...1000).map { Int64($0) * 1000 }
        var store = SeriesStore(maxSeries: 100, maxBytes: 1)
        #expect(store.ingest(Self.series("a", long)) == 1000)
        #expect(store.bytes > 1)
        #expect(store.ingest(Self.series("b", [1])) == 0)
        #expect(store.refusedSeries == 1 && store.refusedForBytes == 1)
        #expect(store.ingest(Self.series("a", [2_000_000])) == 1)
        #expect(store.count == 1)
    }

    @Test("the store's bytes and samples follow every change: ingest, trim, expiry, selection, collisions")
    func totals() {
        var store = SeriesStore(maxSeries: 100)
        func check(_ step: String) {
            let footprint = store.footprint
            #expect(store.bytes == footprint.bytes, "\(step)")
            #expect(store.samples == footprint.samples, "\(step)")
        }
        for name in ["a", "b", "c"] { store.ingest(Self.series(name, (1...700).map { Int64($0) * 1000 })) }
        check("ingest")
        #expect(store.samples == 2100)
        store.ingest(Self.series("a", (701...900).map { Int64($0) * 1000 }))
        check("append")
        store.expire(now: 900_000, retention: 300_000)
        check("trim")
        store.retain { $0.labels != [Label("__name__", "b")] }
        check("retain")
        store.ingest(
            TimeSeries(
                labels: [Label("__name__", "a"), Label("window", "x")], samples: [Sample(timestamp: 950_000, value: 1)])
        )
        store.ingest(
            TimeSeries(
                labels: [Label("__name__", "a"), Label("exported_window", "x")],
                samples: [Sample(timestamp: 950_000, value: 1)]))
        store.removeCollisions(by: SourceLabels.collisionKey)
        check("collisions")
        store.expire(now: 2_000_000, retention: 300_000)
        check("expiry")
        #expect(store.count == 0 && store.bytes == 0 && store.samples == 0)
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
        #expect(
            store.entries[[Label("__name__", "live")]]?.buffer.samples(endingAt: 10_000, length: 5000).timestamps == [
                9000
            ])
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
