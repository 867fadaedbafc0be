import SibylWire
import Testing

@testable import Sibyl

struct RemoteWriteBatcherTests {
    static func cycle(_ time: Int64, samples: Int) throws -> CycleSnapshot {
        try ArchiveFixture.windowCycle(time: time, series: 0..<samples)
    }

    @Test("small cycles share a batch, which completes the last of them")
    func wholeCycles() throws {
        var batcher = RemoteWriteBatcher(maxSamples: 10)
        #expect(batcher.add(try Self.cycle(1, samples: 3)).isEmpty)
        #expect(batcher.add(try Self.cycle(2, samples: 3)).isEmpty)
        let flushed = batcher.flush()
        let batch = try #require(flushed)
        #expect(batch.entries.count == 6)
        #expect(batch.completedThrough == 2)
        #expect(batcher.flush()?.entries.count == nil)
    }

    @Test("a cycle larger than a batch is split; only the batch holding its last sample completes it")
    func splitCycle() throws {
        var batcher = RemoteWriteBatcher(maxSamples: 2)
        let full = batcher.add(try Self.cycle(1, samples: 5))
        #expect(full.map(\.entries.count) == [2, 2])
        #expect(full.map(\.completedThrough) == [nil, nil])
        let flushed = batcher.flush()
        let rest = try #require(flushed)
        #expect(rest.entries.count == 1)
        #expect(rest.completedThrough == 1)
    }

    @Test("a cycle that ends a full batch is completed by it; an empty cycle still moves the cursor")
    func boundaries() throws {
        var batcher = RemoteWriteBatcher(maxSamples: 3)
        let full = batcher.add(try Self.cycle(1, samples: 3))
        #expect(full.map(\.completedThrough) == [1])
        #expect(batcher.add(CycleSnapshot(time: 2, duration: 0, families: [])).isEmpty)
        let flushed = batcher.flush()
        let empty = try #require(flushed)
        #expect(empty.isEmpty)
        #expect(empty.completedThrough == 2)
    }

    @Test("a batch's series carry __name__ and the labels sorted by name, samples of a series together")
    func series() throws {
        var batcher = RemoteWriteBatcher(maxSamples: 100)
        _ = batcher.add(try Self.cycle(1, samples: 2))
        _ = batcher.add(try Self.cycle(2, samples: 2))
        let flushed = batcher.flush()
        let series = RemoteWriteEndpoint.series(try #require(flushed))
        #expect(series.count == 2)
        #expect(series[0].labels.map(\.name) == ["__name__", "instance", "metric", "window"])
        #expect(series[0].samples.map(\.timestamp) == [1, 2])
        #expect(series[0].metadata.kind == .gauge)
    }
}
