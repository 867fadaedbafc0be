import Foundation
import HTTPTypes
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

/// Backfilled cycles, written behind the live cursor: the second cursor sends them in the order they were written.
extension RemoteWriteEndpointTests {
    /// `count` backfilled cycles, `step` apart from `first`, written in that order; their values differ from
    /// ``cycles(_:from:)``'s.
    static func backfill(_ count: Int, from first: Int64, into fixture: ArchiveFixture) async throws -> [CycleSnapshot]
    {
        let cycles = try (0..<count).map { index in
            try ArchiveFixture.windowCycle(
                time: first + Int64(index) * step, series: 0..<3, base: 500 + Double(index) * 10)
        }
        var known = SeriesCache()
        for cycle in cycles {
            known.merge(try await fixture.archive.results.writeBackfilled(cycle, selectors: ["s"], known: known))
        }
        return cycles
    }

    @Test(
        "backfilled cycles written after the live ones were sent arrive once, in the order written; both cursors move")
    func sendsBackfilledCycles() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let live = try Self.cycles(3)
        await fixture.write(live)
        try await RemoteWriteReceiver.with(kind: .v1Strict) { receiver, url in
            let endpoint = Self.endpoint(url, fixture, maxSamples: 3)
            let task = Task { await endpoint.run() }
            defer { task.cancel() }
            try await Self.waitUntil { try fixture.archive.results.remoteWriteCursor("test") == live.last?.time }
            // Before the live cycles, then between two of them, then before again: all behind the live cursor.
            var backfilled = try await Self.backfill(2, from: Self.start - 10 * Self.step, into: fixture)
            backfilled += try await Self.backfill(1, from: Self.start + Self.step / 2, into: fixture)
            backfilled += try await Self.backfill(1, from: Self.start - 20 * Self.step, into: fixture)
            let newest = try fixture.archive.results.backfilledCycles(after: 0, limit: 100).last?.id
            try await Self.waitUntil {
                try fixture.archive.results.remoteWriteCursor("test", .backfill) == newest
                    && endpoint.statistics.pendingCycles == 0
            }
            task.cancel()
            await task.value
            #expect(Self.keys(receiver.stored) == Self.expected(live + backfilled))
            #expect(endpoint.statistics.sent == 3 * 7)
            #expect(endpoint.statistics.highestSentTime == live.last?.time)
            #expect(try fixture.archive.results.remoteWriteCursor("test") == live.last?.time)
        }
    }

    @Test("a receiver refusing the backfilled samples as too old: counted under too_old, the backfill cursor moves on")
    func refusedBackfillIsCounted() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let live = try Self.cycles(1)
        await fixture.write(live)
        _ = try await Self.backfill(2, from: Self.start - 10 * Self.step, into: fixture)
        let refusal = RemoteWriteReceiver.Answer(status: .badRequest, body: "out of bounds")
        // The live cycle is accepted; the two backfilled ones, a request each, are refused as Prometheus does.
        try await RemoteWriteReceiver.with(script: [.init(status: .noContent), refusal, refusal]) { receiver, url in
            let endpoint = Self.endpoint(url, fixture, maxSamples: 3)
            let newest = try fixture.archive.results.backfilledCycles(after: 0, limit: 100).last?.id
            try await Self.run(endpoint) {
                try fixture.archive.results.remoteWriteCursor("test", .backfill) == newest
            }
            #expect(receiver.requests.count == 3)
            #expect(Self.keys(receiver.stored) == Self.expected(live))
            let statistics = endpoint.statistics
            #expect(statistics.sent == 3)
            #expect(statistics.failed == 6)
            #expect(statistics.dropped["too_old"] == 6)
            #expect(statistics.retried == 0)
            #expect(statistics.pendingCycles == 0)
        }
    }

    @Test("with held values: live cycles arrive as /metrics showed them, backfilled cycles with their own values only")
    func sendsHeldAndBackfilledValues() async throws {
        typealias Backfill = ResultStoreBackfillTests
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let live = Array(stride(from: 10, through: 30, by: 2))
        let backfilled = [5, 21, 23, Backfill.joined, 11]
        await fixture.write(try live.map(ResultStoreHeldValuesTests.cycle))
        var known = SeriesCache()
        for cycle in backfilled {
            known.merge(
                try await fixture.archive.results.writeBackfilled(
                    try Backfill.backfillCycle(cycle), selectors: ["s"], known: known))
        }
        var expected: [String] = []
        for cycle in 0...40 {
            expected += try Backfill.shown(cycle, live: live, backfilled: backfilled).map { "\($0.key) \($0.value)" }
        }
        try await RemoteWriteReceiver.with(kind: .v1Strict) { receiver, url in
            let endpoint = Self.endpoint(url, fixture, maxSamples: 50)
            let newest = try fixture.archive.results.backfilledCycles(after: 0, limit: 100).last?.id
            try await Self.run(endpoint) {
                try fixture.archive.results.remoteWriteCursor("test", .backfill) == newest
                    && fixture.archive.results.remoteWriteCursor("test") == ResultStoreHeldValuesTests.time(30)
            }
            let stored = receiver.stored.map { entry in
                entry.labels.map { "\($0.name)=\($0.value)" }.sorted().joined(separator: ",")
                    + " \(entry.sample.timestamp)=\(String(entry.sample.value.bitPattern, radix: 16))"
            }
            #expect(stored.sorted() == expected.sorted())
            // The live cycles first, in time order; then the backfilled ones in the order they were written (a
            // request holds several cycles, series by series: each time counts where it first arrives).
            var order: [Int64] = []
            for sample in receiver.stored where !order.contains(sample.sample.timestamp) {
                order.append(sample.sample.timestamp)
            }
            let times = (live + backfilled.filter { !live.contains($0) }).map(ResultStoreHeldValuesTests.time)
            #expect(order == times)
        }
    }
}
