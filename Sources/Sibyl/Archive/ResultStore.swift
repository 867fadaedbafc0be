import Foundation
import GRDB
import SibylWire

/// The archived cycles in the archive's `evaluations`, `series`, `samples` and `metric_families` tables
/// (``ArchiveSchema/createResults(_:)`` describes them).
///
/// ``write(_:known:held:)`` stores one cycle in one transaction: all of it or, on any error, none of it. The writer
/// keeps the ids of the series it has written (``SeriesCache``) so that a cycle looks up only new series, and what
/// the archive holds (``HeldValues``) so that a cycle writes only the values that changed.
///
/// ``writeBackfilled(_:selectors:known:)`` stores a past cycle computed after the fact, every value a row of its
/// own, kept out of the held values (``ArchiveSchema/storeBackfill(_:)``).
package struct ResultStore: Sendable {
    /// How far a series' `last_time_ms` may trail the newest cycle that wrote it (one hour), so that a cycle
    /// updates a series' row at most once an hour; retention deletes a series only when that bound proves no
    /// remaining cycle refers to it. A constant, so that files written before a configuration change stay right.
    package static let seriesRefresh: Int64 = 3_600_000

    /// The self-monitoring families, which are Sibyl's health rather than results: not archived.
    static let selfMonitoringNames = Set(SelfMonitoringFamilies.all.map(\.name))

    let writer: any DatabaseWriter
    /// Where reads go: ``writer``, or a snapshot of it (``snapshot()``).
    let reader: any DatabaseReader
    let path: String
    /// Whether the file has `held_samples` (``ArchiveSchema/storeHeldValues(_:)``); an older file opened read-only
    /// does not.
    let holdsValues: Bool

    /// A store over an open database.
    /// - Parameters:
    ///   - writer: the database.
    ///   - path: its file's path, for error messages.
    ///   - holdsValues: whether the file has `held_samples`.
    init(writer: any DatabaseWriter, path: String, holdsValues: Bool = true) {
        self.init(writer: writer, reader: writer, path: path, holdsValues: holdsValues)
    }

    private init(writer: any DatabaseWriter, reader: any DatabaseReader, path: String, holdsValues: Bool) {
        self.writer = writer
        self.reader = reader
        self.path = path
        self.holdsValues = holdsValues
    }

    /// The archive as it is now, for a reader that reads it in several steps (a streamed remote-read answer): its
    /// reads see no cycle written and none deleted by retention after this call. A WAL snapshot, which holds one
    /// read transaction open on its own connection until the returned store is gone; a database that is not a WAL
    /// pool (an archive opened read-only) is returned as is.
    /// - Returns: the store whose reads go to the snapshot; writes still go to the archive.
    /// - Throws: ``ArchiveError`` when the snapshot's connection cannot be opened.
    package func snapshot() throws(ArchiveError) -> ResultStore {
        guard let pool = writer as? DatabasePool else { return self }
        do {
            return ResultStore(writer: writer, reader: try pool.makeSnapshot(), path: path, holdsValues: holdsValues)
        } catch {
            throw Self.error(error, path: path, "cannot take a snapshot of the archive")
        }
    }

    /// Whether a family is archived: every family but the self-monitoring ones (``SelfMonitoringFamilies``).
    /// - Parameter name: the family's metric name.
    /// - Returns: `true` for a result family.
    package static func isArchived(_ name: String) -> Bool {
        !selfMonitoringNames.contains(name)
    }

    /// Writes one cycle in one transaction.
    ///
    /// The window statistics are written at every cycle; every other value only when ``HeldValues`` says it must
    /// be, and the series the cycle no longer shows get their end (``ArchiveSchema/storeHeldValues(_:)``).
    /// A backfilled cycle already at the cycle's time (``writeBackfilled(_:selectors:known:)``) is deleted first.
    /// - Parameters:
    ///   - snapshot: the cycle; its self-monitoring families are left out.
    ///   - known: the series and families already in the file, as far as the writer knows.
    ///   - held: what the archive holds after the previous cycle; `nil` reads it from the file (at start).
    ///   - forecasts: the forecast scorecard's changes since the previous cycle
    ///     (``ArchiveSchema/storeForecastScores(_:)``), applied in the same transaction.
    /// - Returns: what the transaction added to `known`, and what the archive holds after this cycle; take them
    ///   only when the call returns (a failed transaction leaves nothing behind, new series included).
    /// - Throws: ``ArchiveError`` whose code names the cause (`disk_full`, `read_only`, `busy`, `constraint`, …).
    func write(
        _ snapshot: CycleSnapshot, known: SeriesCache, held: HeldValues?, forecasts: [ForecastScorecard.Change] = []
    ) async throws(ArchiveError) -> (added: SeriesCache, held: HeldValues) {
        do {
            return try await writer.write { db in
                let written = try Self.insert(snapshot, known: known, held: held, db)
                try Self.applyForecastChanges(forecasts, db)
                return written
            }
        } catch {
            throw Self.error(error, path: path, "cannot archive the cycle at \(snapshot.time)")
        }
    }

    private static func insert(
        _ snapshot: CycleSnapshot, known: SeriesCache, held: HeldValues?, _ db: Database
    ) throws -> (added: SeriesCache, held: HeldValues) {
        let time = snapshot.time
        var held = try held ?? heldValues(db)
        // Retention that deleted every live cycle took the held rows with it: nothing is held any more. (While a
        // live cycle is left, the value the newest one holds has its row among them: retention carries it.)
        if !held.values.isEmpty, try Int64.fetchOne(db, sql: "SELECT 1 FROM held_samples LIMIT 1") == nil {
            held = HeldValues()
        }
        // A backfilled cycle at this time gives way: the live cycle is the record of it (the time is unique).
        if let backfilled = try Int64.fetchOne(
            db, sql: "SELECT id FROM evaluations WHERE time_ms = ? AND NOT \(live)", arguments: [time])
        {
            try delete([backfilled], db)
        }
        try db.execute(
            sql: "INSERT INTO evaluations (time_ms, duration_seconds, status) VALUES (?, ?, ?)",
            arguments: [time, snapshot.duration.isFinite ? snapshot.duration : nil, snapshot.status])
        let evaluation = db.lastInsertedRowID
        let rows = try Self.rows(of: snapshot, known: known, db)
        try insertWindowRows(rows.windowRows, evaluation: evaluation, replacing: true, db)
        var shown = Set<Int64>()
        // Held rows by series id: written in key order, they fill their pages (an insert in the middle splits one).
        var heldRows: [Int64: DatabaseValue] = [:]
        for (id, value) in rows.values {
            shown.insert(id)
            if held.needsRow(id, value, at: time) {
                heldRows[id] = storedValue(value)
                held.values[id] = HeldValues.Value(bits: value.bitPattern, written: time)
            }
        }
        for id in held.values.keys where !shown.contains(id) {
            heldRows[id] = .null
            held.values[id] = nil
        }
        let insertHeld = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO held_samples (evaluation_id, series_id, value) VALUES (?, ?, ?)")
        for (id, value) in heldRows.sorted(by: { $0.key < $1.key }) {
            try insertHeld.execute(arguments: [evaluation, id, value])
        }
        return (rows.added, held)
    }

    /// A cycle's archived values as rows to write, its series and window groups found or inserted.
    struct CycleRows {
        /// What the cycle added to the series, families and groups the writer knew.
        var added = SeriesCache()
        /// The window statistics, one row per window group.
        var windowRows: [Int64: WindowRow] = [:]
        /// Every other value, with its series' id, in the exposition's order.
        var values: [(series: Int64, value: Double)] = []
    }

    /// Walks a cycle's archived families (the self-monitoring ones left out): writes each family header that
    /// differs from the one known, finds or inserts each series and window group, raises the `last_time_ms` of
    /// each series whose row is ``seriesRefresh`` older than the cycle, and sorts the values into window rows and
    /// the rest. Shared by live cycles and backfilled ones.
    static func rows(of snapshot: CycleSnapshot, known: SeriesCache, _ db: Database) throws -> CycleRows {
        let time = snapshot.time
        let stale = max(time, .min + seriesRefresh) - seriesRefresh
        let touch = try db.cachedStatement(sql: "UPDATE series SET last_time_ms = max(last_time_ms, ?) WHERE id = ?")
        var rows = CycleRows()
        for family in snapshot.families where isArchived(family.name.rawValue) {
            let name = family.name.rawValue
            let header = SeriesCache.Family(kind: family.kind.rawValue, help: family.help)
            if (rows.added.families[name] ?? known.families[name]) != header {
                try db.execute(
                    sql: """
                        INSERT INTO metric_families (name, kind, help) VALUES (?, ?, ?)
                        ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, help = excluded.help
                        """,
                    arguments: [name, header.kind, header.help])
                rows.added.families[name] = header
            }
            let slot = WindowRow.slot(of: name)
            for sample in family.samples {
                let key = SeriesCache.Key(metric: name, labels: sample.labels)
                let group: (id: Int64, slot: Int)? = try slot.map {
                    (try windowGroup(sample.labels, known: known, added: &rows.added, db), $0)
                }
                var entry: SeriesCache.Entry
                if let cached = rows.added.series[key] ?? known.series[key] {
                    entry = cached
                } else {
                    entry = try series(key, time: time, group: group, db)
                    rows.added.series[key] = entry
                }
                if entry.lastTime < stale {
                    try touch.execute(arguments: [time, entry.id])
                    entry.lastTime = time
                    rows.added.series[key] = entry
                }
                if let group {
                    rows.windowRows[group.id, default: WindowRow()].set(group.slot, sample.value, series: entry.id)
                } else {
                    rows.values.append((entry.id, sample.value))
                }
            }
        }
        return rows
    }

    /// The id and stored `last_time_ms` of a series, inserting its row when it is new.
    /// - Parameter group: for a window statistic, its group's id and its slot (``ArchiveSchema/windowFamilies``).
    private static func series(
        _ key: SeriesCache.Key, time: Int64, group: (id: Int64, slot: Int)?, _ db: Database
    ) throws -> SeriesCache.Entry {
        let labels = ArchivedLabels.text(key.labels)
        try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO series (metric, labels, last_time_ms, group_id, slot) VALUES (?, ?, ?, ?, ?)"
        )
        .execute(arguments: [key.metric, labels, time, group?.id, group?.slot])
        if db.changesCount == 1 { return SeriesCache.Entry(id: db.lastInsertedRowID, lastTime: time) }
        let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, last_time_ms FROM series WHERE metric = ? AND labels = ?"),
            arguments: [key.metric, labels])
        guard let row else { throw DatabaseError(resultCode: .SQLITE_INTERNAL, message: "series row vanished") }
        return SeriesCache.Entry(id: row[0], lastTime: row[1])
    }

    /// A value as stored: a REAL, or for a NaN the INTEGER of its bit pattern.
    static func storedValue(_ value: Double) -> DatabaseValue {
        value.isNaN ? Int64(bitPattern: value.bitPattern).databaseValue : value.databaseValue
    }

    /// A stored value back as the double that was written, bit for bit.
    static func value(_ stored: DatabaseValue) -> Double? {
        switch stored.storage {
        case .double(let value): value
        case .int64(let bits): Double(bitPattern: UInt64(bitPattern: bits))
        default: nil
        }
    }

    /// An ``ArchiveError`` for a failed SQLite call, its code chosen by SQLite's primary result code.
    static func error(_ error: any Error, path: String, _ doing: String) -> ArchiveError {
        let code: ArchiveError.Code
        switch (error as? DatabaseError)?.resultCode {
        case .SQLITE_FULL?: code = .diskFull
        case .SQLITE_READONLY?, .SQLITE_PERM?: code = .readOnly
        case .SQLITE_BUSY?, .SQLITE_LOCKED?: code = .busy
        case .SQLITE_IOERR?, .SQLITE_CANTOPEN?: code = .ioError
        case .SQLITE_CORRUPT?, .SQLITE_NOTADB?: code = .corrupt
        case .SQLITE_CONSTRAINT?: code = .constraint
        default: code = .queryFailed
        }
        return ArchiveError(code, path: path, "\(doing): \(Archive.reason(error))")
    }
}
