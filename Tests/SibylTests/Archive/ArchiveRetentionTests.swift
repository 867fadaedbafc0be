import Foundation
import GRDB
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

struct ArchiveRetentionTests {
    static let minute: Int64 = 60_000

    /// Forty cycles ten minutes apart with 1000 series; the first twenty also have 500 series that then stop.
    static func history() throws -> [CycleSnapshot] {
        try (0..<40).map { cycle in
            var snapshot = try ArchiveFixture.windowCycle(
                time: Int64(cycle) * 10 * minute, series: 0..<1000, base: Double(cycle))
            if cycle < 20 {
                let gone = try ArchiveFixture.windowCycle(time: 0, series: 0..<500, prefix: "gone")
                snapshot.families[0].samples += gone.families[0].samples
            }
            return snapshot
        }
    }

    static func count(_ fixture: ArchiveFixture, _ sql: String) async throws -> Int {
        try await fixture.archive.pool.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }

    static func checkpoint(_ fixture: ArchiveFixture) async throws {
        try await fixture.archive.pool.writeWithoutTransaction { db in
            _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }

    @Test("the policy of an archive section is its retention and size cap")
    func fromConfiguration() throws {
        let section = ArchiveConfiguration(path: "a.db", maxSize: ByteSize(bytes: 1 << 30))
        #expect(
            ArchiveRetention(section) == ArchiveRetention(age: section.retention, maxSize: ByteSize(bytes: 1 << 30)))
        #expect(ArchiveRetention(ArchiveConfiguration()).age == (try PrometheusDuration(parsing: "30d")))
    }

    @Test("retention by age deletes older cycles, their values and the series no cycle refers to; the file shrinks")
    func byAge() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        await fixture.write(try Self.history())
        try await Self.checkpoint(fixture)
        let before = try fixture.fileSize()

        let newest = 39 * 10 * Self.minute
        let outcome = try await fixture.archive.results.applyRetention(
            ArchiveRetention(age: PrometheusDuration(parsing: "1h")), now: newest)
        let kept = try fixture.archive.results.evaluationTimes()
        #expect(kept == (33...39).map { Int64($0) * 10 * Self.minute })
        #expect(outcome.evaluations == 33)
        // The "gone" series were last written at cycle 19 (190 min), more than an hour before the oldest kept (330).
        #expect(outcome.series == 500)
        #expect(try await Self.count(fixture, "SELECT count(*) FROM series") == 1000)
        #expect(try await Self.count(fixture, "SELECT count(*) FROM samples") == 7 * 1000)
        #expect(try await Self.count(fixture, "PRAGMA freelist_count") == 0)
        let after = try fixture.fileSize()
        #expect(after < before / 2, "\(before) → \(after) bytes")
        #expect(try fixture.archive.integrityCheck() == "ok")
        let oldest = try #require(try fixture.archive.results.snapshot(at: 33 * 10 * Self.minute))
        #expect(oldest.families.first?.samples.count == 1000)

        let again = try await fixture.archive.results.applyRetention(
            ArchiveRetention(age: PrometheusDuration(parsing: "1h")), now: newest)
        #expect(again == ArchiveRetention.Outcome())
    }

    @Test("a series still written is kept however old its first cycle, and one written within the hour too")
    func keepsReferencedSeries() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        // "late" stops at cycle 30 (300 min); the oldest kept is 330 min: less than an hour apart, so it stays.
        let cycles = try (0..<40).map { cycle in
            var snapshot = try ArchiveFixture.windowCycle(time: Int64(cycle) * 10 * Self.minute, series: 0..<3)
            if cycle <= 30 {
                snapshot.families[0].samples += try ArchiveFixture.windowCycle(time: 0, series: 0..<2, prefix: "late")
                    .families[0].samples
            }
            return snapshot
        }
        await fixture.write(cycles)
        let outcome = try await fixture.archive.results.applyRetention(
            ArchiveRetention(age: PrometheusDuration(parsing: "1h")), now: 39 * 10 * Self.minute)
        #expect(outcome.series == 0)
        #expect(try await Self.count(fixture, "SELECT count(*) FROM series") == 5)
        // With every cycle gone (a clock far ahead), every series goes.
        let all = try await fixture.archive.results.applyRetention(
            ArchiveRetention(age: PrometheusDuration(parsing: "1h")), now: 1000 * 10 * Self.minute)
        #expect(all.evaluations == 7)
        #expect(all.series == 5)
        #expect(try await Self.count(fixture, "SELECT count(*) FROM metric_families") == 0)
    }

    @Test("a size cap deletes the oldest cycles until the pages in use fit, and the file shrinks")
    func bySize() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        await fixture.write(try Self.history())
        try await Self.checkpoint(fixture)
        let before = try fixture.fileSize()
        let used = try fixture.archive.results.usedBytes()
        let cap = ByteSize(bytes: used / 2)

        let outcome = try await fixture.archive.results.applyRetention(
            ArchiveRetention(age: .init(milliseconds: .max / 2), maxSize: cap), now: 39 * 10 * Self.minute)
        let kept = try fixture.archive.results.evaluationTimes()
        #expect(outcome.evaluations > 0)
        #expect(kept.count == 40 - outcome.evaluations)
        #expect(kept.last == 39 * 10 * Self.minute)
        #expect(kept.first == Int64(outcome.evaluations) * 10 * Self.minute)
        #expect(try fixture.archive.results.usedBytes() <= cap.bytes)
        let after = try fixture.fileSize()
        #expect(after < before * 2 / 3, "\(before) → \(after) bytes")
        #expect(try fixture.archive.integrityCheck() == "ok")
    }

    @Test("the newest cycle stays even when it alone is over the cap")
    func keepsNewest() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        await fixture.write(try Array(Self.history().prefix(3)))
        try await fixture.archive.results.applyRetention(
            ArchiveRetention(age: .init(milliseconds: .max / 2), maxSize: ByteSize(bytes: 1)), now: 0)
        #expect(try fixture.archive.results.evaluationTimes() == [20 * Self.minute])
    }

    @Test("the writer applies retention at start (T from its clock) and after commits (T of the cycle)")
    func writerApplies() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        await fixture.write(try Array(Self.history().prefix(10)))
        let retention = ArchiveRetention(age: try PrometheusDuration(parsing: "30m"))
        let writer = ArchiveWriter(
            archive: fixture.archive, retention: retention, retentionInterval: .zero, logger: ArchiveFixture.quiet,
            now: { 50 * Self.minute })
        async let running: Void = writer.run()
        try await ArchiveFixture.waitUntil {
            (try? fixture.archive.results.evaluationTimes())
                == [20, 30, 40, 50, 60, 70, 80, 90].map { $0 * Self.minute }
        }
        writer.submit(try ArchiveFixture.windowCycle(time: 200 * Self.minute, series: 0..<3))
        writer.finish()
        await running
        #expect(try fixture.archive.results.evaluationTimes() == [200 * Self.minute])
    }

    @Test("with a short retention the file stays bounded over many cycles, and each value costs about 20 bytes")
    func staysBounded() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let writer = ArchiveWriter(
            archive: fixture.archive, retention: ArchiveRetention(age: try PrometheusDuration(parsing: "10m")),
            capacity: 1, retentionInterval: .zero, logger: ArchiveFixture.quiet, now: { 0 })
        async let running: Void = writer.run()
        var sizes: [Int64] = []
        for cycle in 1...150 {
            writer.submit(try ArchiveFixture.windowCycle(time: Int64(cycle) * Self.minute, series: 0..<500))
            try await ArchiveFixture.waitUntil { writer.statistics.cycles == cycle }
            if cycle % 30 == 0 { sizes.append(try fixture.archive.results.usedBytes()) }
        }
        writer.finish()
        await running
        #expect(writer.statistics.dropped == 0)
        #expect(try fixture.archive.results.evaluationTimes().count == 11)
        // Eleven cycles kept from cycle 30 on: the pages in use stop growing.
        #expect(sizes.max() ?? 0 <= (sizes.first ?? 0) * 11 / 10, "\(sizes)")
        let samplesBytes = try await fixture.archive.pool.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT sum(pgsize) FROM dbstat WHERE name IN ('point_samples', 'window_samples')")
        }
        let perValue = Double(samplesBytes ?? 0) / Double(11 * 500)
        #expect(perValue < 32, "\(perValue) bytes per value")
    }
}
