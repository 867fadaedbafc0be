import Foundation
import GRDB
import Logging
import ServiceLifecycleTestKit
import SibylTestSupport
import SibylWire
import Synchronization
import Testing

@testable import Sibyl

struct ArchiveWriterTests {
    @Test("a full queue drops the oldest waiting cycle, counts it, and submit never waits")
    func dropsOldest() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let writer = ArchiveWriter(
            archive: fixture.archive, retention: ArchiveRetention(age: .init(milliseconds: .max)), capacity: 3,
            logger: ArchiveFixture.quiet)
        let snapshots = try (1...10).map { try ArchiveFixture.windowCycle(time: Int64($0) * 1000, series: 0..<5) }
        let clock = ContinuousClock()
        let took = clock.measure {
            // Nothing consumes yet: a blocking submit would hang here.
            for snapshot in snapshots { writer.submit(snapshot) }
        }
        #expect(writer.statistics.dropped == 7)
        #expect(took < .seconds(1))
        writer.finish()
        writer.submit(try ArchiveFixture.windowCycle(time: 99_000, series: 0..<1))
        await writer.run()
        #expect(writer.statistics.cycles == 3)
        #expect(writer.statistics.dropped == 8)
        #expect(try fixture.archive.results.evaluationTimes() == [8000, 9000, 10_000])
    }

    @Test("a cycle that fails midway leaves nothing behind, is counted by reason, and the next cycles are written")
    func failedCycleIsAtomic() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        // The trigger refuses one value, after the failing cycle has already inserted its evaluation and new series.
        try await fixture.archive.pool.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER refuse BEFORE INSERT ON window_samples WHEN NEW.avg = 666.25
                    BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
                    """)
        }
        let first = try ArchiveFixture.windowCycle(time: 1000, series: 0..<10)
        var failing = try ArchiveFixture.windowCycle(time: 2000, series: 0..<1000)
        failing.families[0].samples[700].value = 666.25
        let third = try ArchiveFixture.windowCycle(time: 3000, series: 5..<20, base: 1)
        let recorder = LogRecorder()
        let statistics = await fixture.write([first, failing, third], logger: recorder.logger)

        #expect(statistics.cycles == 2)
        #expect(statistics.errors == ["constraint": 1])
        #expect(try fixture.archive.results.evaluationTimes() == [1000, 3000])
        let counts = try await fixture.archive.pool.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM samples"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM series")
            )
        }
        #expect(counts.0 == 10 + 15)
        #expect(counts.1 == 20)
        // The third cycle's series 10..<20 were first inserted by the rolled-back cycle: written again, readable.
        let thirdRead = try #require(try fixture.archive.results.snapshot(at: 3000))
        #expect(thirdRead.families.first?.samples.map(\.value).sorted() == third.families[0].samples.map(\.value))
        let failure = try #require(recorder.recorded.first { $0.level == .error })
        #expect(failure.message == "cycle not archived")
        #expect(failure.metadata?["cycle.time"] == "2000")
        #expect(failure.metadata?["archive.reason"] == "constraint")
    }

    @Test("a read-only database is counted as read_only and the writer carries on once it is writable again")
    func readOnlyCarriesOn() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let writer = ArchiveWriter(
            archive: fixture.archive, retention: ArchiveRetention(age: .init(milliseconds: .max)),
            logger: ArchiveFixture.quiet)
        async let running: Void = writer.run()
        writer.submit(try ArchiveFixture.windowCycle(time: 1000, series: 0..<3))
        try await ArchiveFixture.waitUntil { writer.statistics.cycles == 1 }
        try await fixture.archive.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA query_only = 1") }
        writer.submit(try ArchiveFixture.windowCycle(time: 2000, series: 0..<3))
        try await ArchiveFixture.waitUntil { writer.statistics.errors["read_only"] == 1 }
        try await fixture.archive.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA query_only = 0") }
        writer.submit(try ArchiveFixture.windowCycle(time: 3000, series: 0..<3))
        writer.finish()
        await running
        #expect(writer.statistics.cycles == 2)
        #expect(try fixture.archive.results.evaluationTimes() == [1000, 3000])
    }

    @Test("\"cycle archived\" is logged with cycle.time only once the cycle is committed and readable")
    func logsAfterCommit() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let seen = Mutex<[String: Bool]>([:])
        let results = fixture.archive.results
        let recorder = LogRecorder { event in
            guard event.message == "cycle archived", let time = event.metadata?["cycle.time"] else { return }
            let present = (try? results.evaluationTimes())?.contains { "\($0)" == "\(time)" } ?? false
            seen.withLock { $0["\(time)"] = present }
        }
        await fixture.write(
            try (1...5).map { try ArchiveFixture.windowCycle(time: Int64($0) * 60_000, series: 0..<50) },
            logger: recorder.logger)
        let archived = recorder.recorded.filter { $0.message == "cycle archived" }
        #expect(archived.map { $0.level } == Array(repeating: .info, count: 5))
        #expect(
            seen.withLock { $0 } == ["60000": true, "120000": true, "180000": true, "240000": true, "300000": true])
    }

    @Test("the sibyl_archive_* families count cycles, drops and errors, and give the last write time and file size")
    func families() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let writer = ArchiveWriter(
            archive: fixture.archive, retention: ArchiveRetention(age: .init(milliseconds: .max)), capacity: 2,
            logger: ArchiveFixture.quiet)
        // The first is dropped from the full queue; the repeated time breaks the unique constraint.
        for time in [1000, 2000, 2000] as [Int64] {
            writer.submit(try ArchiveFixture.windowCycle(time: time, series: 0..<2))
        }
        writer.finish()
        await writer.run()
        let families = writer.families()
        #expect(
            families.map(\.name.rawValue) == [
                "sibyl_archive_cycles_total", "sibyl_archive_dropped_total", "sibyl_archive_errors_total",
                "sibyl_archive_write_duration_seconds", "sibyl_archive_size_bytes",
            ])
        #expect(families.map(\.kind) == [.counter, .counter, .counter, .gauge, .gauge])
        #expect(families[0].samples.map(\.value) == [1])
        #expect(families[1].samples.map(\.value) == [1])
        // Every reason is exposed, at 0 until it occurs.
        #expect(families[2].samples.count == ArchiveError.Code.all.count)
        let occurred = families[2].samples.filter { $0.value != 0 }
        #expect(occurred.map { "\($0.labels) \($0.value)" } == [#"{reason="constraint"} 1.0"#])
        #expect(families[2].samples.contains { "\($0.labels) \($0.value)" == #"{reason="disk_full"} 0.0"# })
        #expect(families[3].samples[0].value > 0)
        #expect(families[4].samples[0].value >= Double(try fixture.fileSize()))
        let exposition = String(decoding: try ExpositionWriter().render(families), as: UTF8.self)
        #expect(exposition.contains("# TYPE sibyl_archive_errors_total counter\n"))
        #expect(families.allSatisfy { !ResultStore.isArchived($0.name.rawValue) })
    }

    @Test("graceful shutdown writes the cycles already queued, then run returns")
    func drainsOnShutdown() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let writer = ArchiveWriter(
            archive: fixture.archive, retention: ArchiveRetention(age: .init(milliseconds: .max)),
            logger: ArchiveFixture.quiet)
        for time in 1...4 { writer.submit(try ArchiveFixture.windowCycle(time: Int64(time), series: 0..<100)) }
        await testGracefulShutdown { trigger in
            trigger.triggerGracefulShutdown()
            await writer.run()
        }
        #expect(try fixture.archive.results.evaluationTimes() == [1, 2, 3, 4])
    }
}
