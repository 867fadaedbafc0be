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
}
