import Foundation
import GRDB
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

/// Backfilled cycles (`status = 'backfill'`, ``ArchiveSchema/storeBackfill(_:)``) written after live cycles with held
/// values, at older times: before them, between them, and at the time of one. Every reader gives each live cycle
/// what it gave without them and each backfilled cycle exactly its own values, across a restart of the writer and
/// retention.
struct ResultStoreBackfillTests {
    typealias Held = ResultStoreHeldValuesTests

    /// The live cycles: every other minute from 10 to 90 (the values of ``ResultStoreHeldValuesTests/cycle(_:)``).
    static let live = Array(stride(from: 10, through: 90, by: 2))
    /// The writer restarts before this live cycle.
    static let restart = 46
    /// The backfilled cycles, in the order they are written: before the live ones, between them around each change
    /// of a held value, a restart and an end, and ``joined``.
    static let backfilled = [5, 1, 3, 9, 7, 21, 23, 25, 27, 30, 45, 47, 69, 71, 89, 11]
    /// The backfilled cycle at the time of a live cycle: its rows join that cycle.
    static let joined = 30
    /// The selectors the backfilled cycles are recorded under.
    static let selectors = ["{__name__=\"node_load1\"}", "{__name__=\"node_load5\"}"]

    static func time(_ cycle: Int) -> Int64 { Held.time(cycle) }

    /// A backfilled cycle: window averages 1000 above the live ones and for a fourth source d, an ADF statistic for
    /// sources a and d only, a forecast that is a NaN with a payload, and a self-monitoring family (left out).
    static func backfillCycle(_ cycle: Int) throws -> CycleSnapshot {
        var windows: [([(String, String)], Double)] = []
        var adf: [([(String, String)], Double)] = []
        for (index, source) in ["a", "b", "c", "d"].enumerated() {
            let labels = [("instance", "\(source):9100"), ("metric", "node_load1")]
            windows.append((labels + [("window", "1h")], 1000 + Double(cycle) + Double(index) * 0.5))
            if source == "a" || source == "d" { adf.append((labels, 1000.5 + Double(cycle))) }
        }
        let forecastLabels = [("horizon", "10m"), ("instance", "a:9100"), ("metric", "node_load1")]
        let families = [
            try ArchiveFixture.family("sibyl_window_avg", windows),
            try ArchiveFixture.family("sibyl_adf_statistic", adf),
            try ArchiveFixture.family(
                "sibyl_forecast_avg", [(forecastLabels, Double(bitPattern: 0x7ff8_0000_0000_0000 | UInt64(cycle)))]),
            try ArchiveFixture.family("sibyl_archive_cycles_total", kind: .counter, [([], Double(cycle))]),
        ]
        return CycleSnapshot(time: time(cycle), duration: 2, families: families)
    }

    /// The archived samples of a snapshot, each as label set (with `__name__`, as the readers' answers key them) and
    /// `time=bits`.
    static func archived(_ snapshot: CycleSnapshot) -> [(key: String, value: String)] {
        snapshot.families.filter { ResultStore.isArchived($0.name.rawValue) }.flatMap { family in
            family.samples.map { sample in
                let labels = sample.labels.labels.map { "\($0.name)=\($0.value)" } + ["__name__=\(family.name)"]
                return (
                    labels.sorted().joined(separator: ","),
                    "\(snapshot.time)=\(String(sample.value.bitPattern, radix: 16))"
                )
            }
        }
    }

    /// What a cycle shows: a live cycle its values (and at ``joined`` those of source d the backfill added), a
    /// backfilled one its own; nothing for a minute without a cycle.
    static func shown(
        _ cycle: Int, live: [Int] = live, backfilled: [Int] = backfilled
    ) throws -> [(key: String, value: String)] {
        if live.contains(cycle) {
            var shown = archived(try Held.cycle(cycle))
            if cycle == joined {
                shown += archived(try backfillCycle(cycle)).filter { $0.key.contains("instance=d:9100") }
            }
            return shown
        }
        return backfilled.contains(cycle) ? archived(try backfillCycle(cycle)) : []
    }

    /// What every reader should answer over `range`, keyed as ``ResultStoreHeldValuesTests/remoteRead(_:_:)``.
    static func expected(
        _ range: ClosedRange<Int64>, live: [Int] = live, backfilled: [Int] = backfilled, from oldest: Int = 0
    ) throws -> [String: [String]] {
        var expected: [String: [String]] = [:]
        for cycle in oldest...100 where range.contains(time(cycle)) {
            for (key, value) in try shown(cycle, live: live, backfilled: backfilled) {
                expected[key, default: []].append(value)
            }
        }
        return expected
    }

    /// Writes the live cycles through two writers, then the backfilled ones.
    static func written() async throws -> ArchiveFixture {
        let fixture = try ArchiveFixture()
        await fixture.write(try live.filter { $0 < restart }.map(Held.cycle))
        await fixture.write(try live.filter { $0 >= restart }.map(Held.cycle))
        var known = SeriesCache()
        for cycle in backfilled {
            known.merge(
                try await fixture.archive.results.writeBackfilled(
                    try backfillCycle(cycle), selectors: selectors, known: known))
        }
        return fixture
    }

    /// Ranges starting before the live cycles, at and between backfilled cycles, at the joined cycle, around the
    /// restart and an end.
    static let ranges: [ClosedRange<Int64>] = [
        time(0)...time(100), time(1)...time(12), time(5)...time(15), time(21)...time(30), (time(21) + 1)...time(31),
        time(23)...time(23), time(30)...time(30), time(44)...time(52), time(45)...time(45), time(68)...time(90),
        time(89)...time(89),
    ]

    /// Remote read and the JSON API agree with ``expected(_:live:from:)`` over every range.
    static func expectReaders(
        _ store: ResultStore, live: [Int] = live, from oldest: Int = 0,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        for range in ranges {
            let expected = try Self.expected(range, live: live, from: oldest)
            #expect(
                try await Held.remoteRead(store, range) == expected, "remote read \(range)",
                sourceLocation: sourceLocation)
            #expect(try await Held.json(store, range) == expected, "JSON \(range)", sourceLocation: sourceLocation)
        }
    }

    /// How many `held_samples` rows backfilled cycles have: none, ever.
    static func heldRowsOfBackfilledCycles(_ archive: Archive) throws -> Int {
        try archive.pool.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM held_samples h JOIN evaluations e ON e.id = h.evaluation_id
                    WHERE e.status = 'backfill'
                    """) ?? 0
        }
    }

    @Test("remote read and the JSON API give live cycles their values and backfilled cycles exactly their own")
    func readers() async throws {
        let fixture = try await Self.written()
        defer { fixture.remove() }
        try await Self.expectReaders(fixture.archive.results)
        #expect(try Self.heldRowsOfBackfilledCycles(fixture.archive) == 0)
    }

    @Test("each cycle's snapshot, the samples view and the result views read back what the cycle showed")
    func snapshotsAndViews() async throws {
        let fixture = try await Self.written()
        defer { fixture.remove() }
        let store = fixture.archive.results
        for cycle in 0...100 {
            let shown = try Self.shown(cycle)
            guard let read = try store.snapshot(at: Self.time(cycle)) else {
                #expect(shown.isEmpty, "cycle \(cycle) is missing")
                continue
            }
            let values = Self.archived(read).map { "\($0.key) \($0.value)" }.sorted()
            #expect(values == shown.map { "\($0.key) \($0.value)" }.sorted(), "cycle \(cycle)")
            let backfill = Self.backfilled.contains(cycle) && cycle != Self.joined
            #expect(read.status == (backfill ? "backfill" : "ok"), "cycle \(cycle)")
        }
        let all = Self.time(0)...Self.time(100)
        let total = try Self.expected(all).values.reduce(0) { $0 + $1.count }
        let counts = try await fixture.archive.pool.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM samples") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM results") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM window_statistics") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM evaluations") ?? 0
            )
        }
        #expect(counts.0 == total)
        #expect(counts.1 == total)
        let windows = try Self.expected(all).filter { $0.key.contains("sibyl_window_avg") }.values
        #expect(counts.2 == windows.reduce(0) { $0 + $1.count })
        #expect(counts.3 == Self.live.count + Self.backfilled.count - 1)
        let series = try await store.series(matching: [LabelMatcher("__name__", .regexMatch, "sibyl_.*")])
        #expect(
            try ResultStoreRemoteReadTests.viewSamples(fixture.archive.pool, series.map(\.id), in: all)
                == (try await store.samples(of: series, in: all)))
    }

    @Test("a writer started after the backfill takes what the newest live cycle holds, and writes only changes")
    func writerRestartsAfterBackfill() async throws {
        let fixture = try await Self.written()
        defer { fixture.remove() }
        let later = Array(stride(from: 92, through: 100, by: 2))
        await fixture.write(try later.map(Held.cycle))
        try await Self.expectReaders(fixture.archive.results, live: Self.live + later)
        let lags = try await fixture.archive.pool.read { db in
            try Int64.fetchAll(
                db,
                sql: """
                    SELECT e.time_ms FROM held_samples h JOIN evaluations e ON e.id = h.evaluation_id
                    JOIN series s ON s.id = h.series_id
                    WHERE s.metric = 'sibyl_adf_used_lags' AND json_extract(s.labels, '$.instance') = 'a:9100'
                    ORDER BY e.time_ms
                    """)
        }
        // The constant lag count: at the first live cycle and an hour later, not again after the backfill.
        #expect(lags == [Self.time(10), Self.time(70)])
        #expect(try Self.heldRowsOfBackfilledCycles(fixture.archive) == 0)
    }

    @Test("retention deletes a mix of live and backfilled cycles; held values move onto the oldest live cycle kept")
    func retentionDeletesAMix() async throws {
        let fixture = try await Self.written()
        defer { fixture.remove() }
        let store = fixture.archive.results
        // The backfilled cycles before the live ones go first: no held row moves.
        let held = try Self.dump(fixture.archive).filter { $0.hasPrefix("held ") }
        let first = try await store.applyRetention(
            ArchiveRetention(age: .init(milliseconds: 80 * Held.minute)), now: Self.time(90))
        #expect(first.evaluations == 5)
        #expect(try Self.dump(fixture.archive).filter { $0.hasPrefix("held ") } == held)
        try await Self.expectReaders(store, from: 10)
        // Everything before minute 24 goes: backfilled 11, 21, 23 and live 10–22.
        let outcome = try await store.applyRetention(
            ArchiveRetention(age: .init(milliseconds: 66 * Held.minute)), now: Self.time(90))
        let gone = (Self.live + Self.backfilled).filter { (10..<24).contains($0) }
        #expect(outcome.evaluations == gone.count)
        try await Self.expectReaders(store, from: 24)
        #expect(try Self.heldRowsOfBackfilledCycles(fixture.archive) == 0)
        #expect(try fixture.archive.integrityCheck() == "ok")
        let ledger = try store.backfillLedger(Self.selectors, in: .min ... .max)
        let kept = Set(Self.backfilled.filter { $0 >= 24 }.map(Self.time))
        #expect(ledger.backfilled == Dictionary(uniqueKeysWithValues: Self.selectors.map { ($0, kept) }))
        await fixture.write([try Held.cycle(92)])
        try await Self.expectReaders(store, live: Self.live + [92], from: 24)
    }

    @Test("the same backfilled cycle written twice leaves one evaluation and the same rows; known series are skipped")
    func idempotent() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let store = fixture.archive.results
        let cycle = try Self.backfillCycle(5)
        let added = try await store.writeBackfilled(cycle, selectors: Self.selectors, known: SeriesCache())
        #expect(added.series.count == 4 + 2 + 1)
        let first = try Self.dump(fixture.archive)
        var known = SeriesCache()
        known.merge(added)
        #expect(try await store.writeBackfilled(cycle, selectors: Self.selectors, known: known).series.isEmpty)
        #expect(
            try await store.writeBackfilled(cycle, selectors: Self.selectors, known: SeriesCache()).series.count == 7)
        #expect(try Self.dump(fixture.archive) == first)
        #expect(first.first == "evaluation \(Self.time(5)) 2.0 backfill")
    }

    @Test("a backfilled cycle at a live cycle's time joins it: nothing stored changes, what it lacked is added")
    func joinsALiveCycle() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let store = fixture.archive.results
        await fixture.write([try Held.cycle(28), try Held.cycle(30)])
        let before = try Self.dump(fixture.archive)
        _ = try await store.writeBackfilled(try Self.backfillCycle(30), selectors: Self.selectors, known: SeriesCache())
        let after = try Self.dump(fixture.archive)
        #expect(Set(before).isSubset(of: Set(after)))
        let new = Set(after).subtracting(before)
        // Source d's window row and ADF statistic; the window rows and held values of a, b and c stay.
        #expect(new.count(where: { $0.hasPrefix("window ") }) == 1)
        #expect(new.count(where: { $0.hasPrefix("point ") }) == 1)
        #expect(new.count(where: { $0.hasPrefix("series ") }) == 2)
        #expect(new.count(where: { $0.hasPrefix("ledger ") }) == Self.selectors.count)
        #expect(new.count == 2 + 2 + Self.selectors.count)
        #expect(after.filter { $0.hasPrefix("evaluation ") } == before.filter { $0.hasPrefix("evaluation ") })
        let read = try #require(try store.snapshot(at: Self.time(30)))
        #expect(
            Self.archived(read).map { "\($0.key) \($0.value)" }.sorted()
                == (try Self.shown(30, live: [28, 30])).map { "\($0.key) \($0.value)" }.sorted())
        #expect(
            try store.backfillLedger(Self.selectors, in: .min ... .max).backfilled[Self.selectors[0]] == [Self.time(30)]
        )
    }

    @Test("a live cycle at a backfilled cycle's time replaces it")
    func liveReplacesBackfill() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let store = fixture.archive.results
        _ = try await store.writeBackfilled(try Self.backfillCycle(12), selectors: Self.selectors, known: SeriesCache())
        let statistics = await fixture.write([try Held.cycle(10), try Held.cycle(12), try Held.cycle(14)])
        #expect(statistics.errors.isEmpty)
        let read = try #require(try store.snapshot(at: Self.time(12)))
        #expect(read.status == "ok")
        #expect(
            Self.archived(read).map { "\($0.key) \($0.value)" }.sorted()
                == (try Self.shown(12, live: [10, 12, 14])).map { "\($0.key) \($0.value)" }.sorted())
        let range = Self.time(10)...Self.time(14)
        #expect(
            try await Held.remoteRead(store, range) == (try Self.expected(range, live: [10, 12, 14], backfilled: [])))
        #expect(try Self.dump(fixture.archive).filter { $0.hasPrefix("evaluation ") }.count == 3)
    }

    @Test("the ledger: live selectors keep their first time; an archive from before records its oldest live cycle")
    func ledger() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let store = fixture.archive.results
        // A fresh archive: the time given.
        try await store.recordLiveSelectors(["a"], from: Self.time(10))
        try await store.recordLiveSelectors(["a", "b"], from: Self.time(20))
        for cycle in [3, 5, 9] {
            _ = try await store.writeBackfilled(try Self.backfillCycle(cycle), selectors: ["a"], known: SeriesCache())
        }
        _ = try await store.writeBackfilled(try Self.backfillCycle(7), selectors: ["b", "c"], known: SeriesCache())
        let ledger = try store.backfillLedger(["a", "b", "c", "d"], in: Self.time(4)...Self.time(9))
        #expect(ledger.liveFrom == ["a": Self.time(10), "b": Self.time(20)])
        #expect(
            ledger.backfilled == [
                "a": [Self.time(5), Self.time(9)], "b": [Self.time(7)], "c": [Self.time(7)],
            ])

        // An archive written before this version: live cycles, a backfilled one older still, no selector recorded.
        let legacy = try ArchiveFixture()
        defer { legacy.remove() }
        await legacy.write([try Held.cycle(12), try Held.cycle(14)])
        _ = try await legacy.archive.results.writeBackfilled(
            try Self.backfillCycle(3), selectors: [], known: SeriesCache())
        try await legacy.archive.results.recordLiveSelectors(["a", "b"], from: Self.time(20))
        try await legacy.archive.results.recordLiveSelectors(["c"], from: Self.time(30))
        #expect(
            try legacy.archive.results.backfillLedger(["a", "b", "c"], in: 0...0).liveFrom == [
                "a": Self.time(12), "b": Self.time(12), "c": Self.time(30),
            ])
    }

    @Test("a v7 archive with held values opens at v8 and reads back the same")
    func upgradesVersionSeven() async throws {
        let directory = try TemporaryDirectory(prefix: "sibyl-archive-v7")
        defer { directory.remove() }
        let path = directory.file("sibyl.db").path
        let range = Self.time(1)...Self.time(30)
        let before: (remoteRead: [String: [String]], json: [String: [String]])
        do {
            let queue = try DatabaseQueue(path: path)
            try ArchiveSchema.migrator.migrate(queue, upTo: "v7-remote-write-cursors")
            let store = ResultStore(writer: queue, path: path)
            var known = SeriesCache()
            var held: HeldValues?
            for cycle in 1...30 {
                let written = try await store.write(try Held.cycle(cycle), known: known, held: held)
                known.merge(written.added)
                held = written.held
            }
            before = (try await Held.remoteRead(store, range), try await Held.json(store, range))
            try queue.close()
        }
        #expect(before.remoteRead == (try Held.expected(1...30)))
        let archive = try Archive(path: path)
        defer { try? archive.close() }
        let store = archive.results
        #expect(try await Held.remoteRead(store, range) == before.remoteRead)
        #expect(try await Held.json(store, range) == before.json)
        let series = try await store.series(matching: [LabelMatcher("__name__", .regexMatch, "sibyl_.*")])
        #expect(
            try ResultStoreRemoteReadTests.viewSamples(archive.pool, series.map(\.id), in: range)
                == (try await store.samples(of: series, in: range)))
        let schema = try await archive.pool.read { db in
            (
                try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'held_values'") ?? "",
                Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
            )
        }
        #expect(schema.0.contains("backfill"))
        #expect(schema.1.isSuperset(of: ["backfill_selectors", "backfill_cycles", "remote_write_backfill_cursor"]))
        #expect(try archive.integrityCheck() == "ok")
    }

    /// Every row of the cycles' tables, as sorted lines.
    static func dump(_ archive: Archive) throws -> [String] {
        try archive.pool.read { db in
            var lines: [String] = []
            for row in try Row.fetchAll(db, sql: "SELECT time_ms, duration_seconds, status FROM evaluations") {
                lines.append("evaluation \(row[0] as Int64) \(row[1] as Double? ?? .nan) \(row[2] as String)")
            }
            let tables = [
                ("window", "SELECT evaluation_id, group_id, min, max, avg, stddev, samples FROM window_samples"),
                ("point", "SELECT evaluation_id, series_id, value FROM point_samples"),
                ("held", "SELECT evaluation_id, series_id, value FROM held_samples"),
                ("series", "SELECT id, metric, labels, last_time_ms, group_id, slot FROM series"),
                ("ledger", "SELECT selector, time_ms FROM backfill_cycles"),
            ]
            for (name, sql) in tables {
                for row in try Row.fetchAll(db, sql: sql) {
                    lines.append(name + " " + row.databaseValues.map { "\($0)" }.joined(separator: " "))
                }
            }
            return lines.sorted()
        }
    }
}
