import Foundation
import GRDB
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

struct ResultStoreWindowRowsTests {
    /// Counts that must survive: whole numbers (INTEGER), a fraction, −0, 2⁵³ and beyond, ±Inf and NaNs (which go to
    /// `point_samples`).
    static let counts: [Double] = [
        720, 0, -0.0, 0.5, 9_007_199_254_740_992, 9_007_199_254_740_994, .infinity, -.infinity, -3,
        Double(bitPattern: 0x7ff8_0000_0000_0001), .nan,
    ]

    /// A cycle with the five window families over `sources` source series and the three windows (the count
    /// family also over ``counts``), one other family, and a window family missing for one series.
    static func cycle(time: Int64, sources: Range<Int>, seed: UInt64) throws -> CycleSnapshot {
        var random = SeededRandom(seed: seed)
        var samples: [String: [([(String, String)], Double)]] = [:]
        for index in sources {
            for (window, count) in [("1h", 720.0), ("3h", 2160), ("12h", 8640)] {
                let labels = [("metric", "node_load1"), ("instance", "host-\(index):9100"), ("window", window)]
                let base = Double(random.next() >> 11) * 0x1p-53 * 100
                for (name, value) in zip(
                    ArchiveSchema.windowFamilies,
                    [base - 1, base + 1, base, Double(random.next() >> 11) * 0x1p-53, count])
                where !(index == sources.lowerBound && name == "sibyl_window_stddev") {
                    samples[name, default: []].append((labels, value))
                }
            }
        }
        for (position, count) in counts.enumerated() {
            samples["sibyl_window_samples", default: []].append(
                ([("metric", "odd"), ("window", "\(position)h")], count))
        }
        var families = try samples.keys.sorted().map { name in
            try ArchiveFixture.family(name, try #require(samples[name]))
        }
        families.append(
            try ArchiveFixture.family("sibyl_acf", [([("metric", "node_load1"), ("lag", "1")], 0.25)]))
        return CycleSnapshot(time: time, duration: 0.5, families: families)
    }

    /// The archived families of a cycle as the archive returns them.
    static func expected(_ snapshot: CycleSnapshot) -> [String] {
        ResultStoreTests.describe(
            snapshot.families.sorted { $0.name.rawValue < $1.name.rawValue }
                .map { family in
                    MetricFamily(
                        name: family.name, kind: family.kind, help: family.help,
                        samples: family.samples.sorted { $0.labels < $1.labels })
                })
    }

    @Test("window statistics are stored five to a row, counts as INTEGERs, and read back bit for bit")
    func fiveToARow() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let cycles = [
            try Self.cycle(time: 60_000, sources: 0..<4, seed: 1),
            try Self.cycle(time: 120_000, sources: 2..<6, seed: 2),
        ]
        let statistics = await fixture.write(cycles)
        #expect(statistics.errors.isEmpty)
        for cycle in cycles {
            let read = try #require(try fixture.archive.results.snapshot(at: cycle.time))
            #expect(ResultStoreTests.describe(read.families) == Self.expected(cycle))
        }
        let (rows, types, points) = try fixture.archive.pool.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM window_samples") ?? 0,
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT typeof(w.samples) AS type, w.samples AS value FROM window_samples w
                        JOIN window_groups g ON g.id = w.group_id
                        WHERE json_extract(g.labels, '$.metric') = 'odd' AND w.evaluation_id = 1
                        ORDER BY CAST(json_extract(g.labels, '$.window') AS INTEGER)
                        """),
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT s.metric FROM point_samples p JOIN series s ON s.id = p.series_id
                        WHERE p.evaluation_id = 1 ORDER BY s.metric
                        """)
            )
        }
        // 4 + 4 sources × 3 windows, and the 11 odd counts of each cycle.
        #expect(rows == 2 * (4 * 3 + Self.counts.count))
        // The two NaN counts, nothing else, are single values (sibyl_acf is a held value since v6-held-values).
        #expect(points == ["sibyl_window_samples", "sibyl_window_samples"])
        #expect(
            types.map { $0["type"] as String }
                == ["integer", "integer", "real", "real", "real", "real", "real", "real", "integer", "null", "null"])
    }

    @Test("a v2 file's window statistics move to rows and every value reads back the same")
    func upgradesVersionTwo() async throws {
        let directory = try TemporaryDirectory(prefix: "sibyl-archive-v2")
        defer { directory.remove() }
        let path = directory.file("sibyl.db").path
        let cycle = try Self.cycle(time: 60_000, sources: 0..<3, seed: 3)
        do {
            let queue = try DatabaseQueue(path: path)
            try ArchiveSchema.migrator.migrate(queue, upTo: "v2-results")
            // One value per row, as v2 wrote them.
            try await queue.write { db in
                try db.execute(
                    sql: "INSERT INTO evaluations (time_ms, duration_seconds, status) VALUES (?, 0.5, 'ok')",
                    arguments: [cycle.time])
                for family in cycle.families {
                    try db.execute(
                        sql: "INSERT INTO metric_families (name, kind, help) VALUES (?, ?, ?)",
                        arguments: [family.name.rawValue, family.kind.rawValue, family.help])
                    for sample in family.samples {
                        try db.execute(
                            sql: "INSERT INTO series (metric, labels, last_time_ms) VALUES (?, ?, ?)",
                            arguments: [family.name.rawValue, ArchivedLabels.text(sample.labels), cycle.time])
                        try db.execute(
                            sql: "INSERT INTO samples (evaluation_id, series_id, value) VALUES (1, ?, ?)",
                            arguments: [db.lastInsertedRowID, ResultStore.storedValue(sample.value)])
                    }
                }
            }
            try queue.close()
        }
        let fixture = try Archive(path: path)
        defer { try? fixture.close() }
        let read = try #require(try fixture.results.snapshot(at: cycle.time))
        #expect(ResultStoreTests.describe(read.families) == Self.expected(cycle))
        let counts = try await fixture.pool.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM window_samples") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM point_samples") ?? 0
            )
        }
        #expect(counts.0 == 3 * 3 + Self.counts.count)
        #expect(counts.1 == 3)
        #expect(try fixture.integrityCheck() == "ok")
        // A cycle written after the upgrade joins the moved groups.
        let later = try Self.cycle(time: 120_000, sources: 0..<3, seed: 4)
        let writer = ArchiveWriter(
            archive: fixture, retention: ArchiveRetention(age: .init(milliseconds: .max)), logger: ArchiveFixture.quiet,
            now: { later.time })
        writer.submit(later)
        writer.finish()
        await writer.run()
        #expect(writer.statistics.errors.isEmpty)
        let laterRead = try #require(try fixture.results.snapshot(at: later.time))
        #expect(ResultStoreTests.describe(laterRead.families) == Self.expected(later))
        #expect(
            try await fixture.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM window_groups") }
                == 3 * 3 + Self.counts.count)
    }

    @Test("the window statistics of one source series cost at most 200 bytes a cycle")
    func bytesPerSeriesAndCycle() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let sources = 1000
        let cycles = 20
        var snapshots: [CycleSnapshot] = []
        for cycle in 1...cycles {
            var snapshot = try Self.cycle(time: Int64(cycle) * 60_000, sources: 0..<sources, seed: UInt64(cycle))
            snapshot.families.removeAll { $0.name.rawValue == "sibyl_acf" }
            snapshots.append(snapshot)
        }
        let statistics = await fixture.write(snapshots)
        #expect(statistics.cycles == cycles)
        let bytes = try await fixture.archive.pool.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT sum(pgsize) FROM dbstat WHERE name IN ('point_samples', 'window_samples')") ?? 0
        }
        let perSeries = Double(bytes) / Double(sources * cycles)
        print(
            "archive: \(String(format: "%.1f", perSeries)) bytes per source series and cycle (3 windows × 5 statistics)"
        )
        #expect(perSeries <= 200, "\(perSeries) bytes per source series and cycle")
        #expect(perSeries > 100, "\(perSeries): the measurement covers the values")
    }
}
