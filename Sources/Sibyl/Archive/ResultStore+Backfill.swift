import GRDB

/// Backfilled cycles (``ArchiveSchema/storeBackfill(_:)``): past cycles computed from the source's raw history and
/// written after the live ones, each value a row of its own, and the ledger of what was backfilled.
extension ResultStore {
    /// Writes one backfilled cycle in one transaction, and records each of `selectors` as backfilled at its time.
    ///
    /// The cycle gets status `backfill`, or, when a cycle already has its time, its rows join that cycle: only
    /// those the cycle lacks, and at a live cycle none for a series whose held value the cycle already shows;
    /// nothing stored is lost or changed, so writing the same cycle twice leaves the same rows. Every value is a row
    /// of its own (the window statistics in `window_samples`, every other value in `point_samples`, never in
    /// `held_samples`); the self-monitoring families are left out as in ``write(_:known:held:)``. Series rows are
    /// created, or their `last_time_ms` raised (never lowered) as a live cycle does.
    /// - Parameters:
    ///   - snapshot: the cycle (its `status` is not stored: the cycle is `backfill`).
    ///   - selectors: the selectors whose cycle this is, each an opaque canonical text.
    ///   - known: the series, families and window groups the caller knows to be in the file.
    /// - Returns: what the transaction added to `known`, to merge once the call returns.
    /// - Throws: ``ArchiveError`` whose code names the cause (`disk_full`, `read_only`, `busy`, …).
    func writeBackfilled(
        _ snapshot: CycleSnapshot, selectors: [String], known: SeriesCache
    ) async throws(ArchiveError) -> SeriesCache {
        do {
            return try await writer.write { db in try Self.insertBackfilled(snapshot, selectors: selectors, known, db) }
        } catch {
            throw Self.error(error, path: path, "cannot archive the backfilled cycle at \(snapshot.time)")
        }
    }

    /// The transaction of ``writeBackfilled(_:selectors:known:)``.
    private static func insertBackfilled(
        _ snapshot: CycleSnapshot, selectors: [String], _ known: SeriesCache, _ db: Database
    ) throws -> SeriesCache {
        let time = snapshot.time
        try db.execute(
            sql: "INSERT OR IGNORE INTO evaluations (time_ms, duration_seconds, status) VALUES (?, ?, ?)",
            arguments: [time, snapshot.duration.isFinite ? snapshot.duration : nil, ArchiveSchema.backfillStatus])
        guard
            let cycle = try Row.fetchOne(
                db, sql: "SELECT id, \(live) FROM evaluations WHERE time_ms = ?", arguments: [time])
        else { throw DatabaseError(resultCode: .SQLITE_INTERNAL, message: "evaluation row vanished") }
        let evaluation: Int64 = cycle[0]
        // A live cycle shows its held values already: a row of the same series would show it twice.
        let held = (cycle[1] as Bool) ? Set(try heldRows(at: evaluation, time: time, db).keys) : []
        let rows = try Self.rows(of: snapshot, known: known, db)
        try insertWindowRows(rows.windowRows, evaluation: evaluation, replacing: false, db)
        let insert = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO point_samples (evaluation_id, series_id, value) VALUES (?, ?, ?)")
        for (id, value) in rows.values.sorted(by: { $0.series < $1.series }) where !held.contains(id) {
            try insert.execute(arguments: [evaluation, id, storedValue(value)])
        }
        let record = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO backfill_cycles (selector, time_ms) VALUES (?, ?)")
        for selector in selectors { try record.execute(arguments: [selector, time]) }
        return rows.added
    }

    /// What the ledger says for `selectors` over `range`.
    /// - Parameters:
    ///   - selectors: the selectors, as given to ``writeBackfilled(_:selectors:known:)``.
    ///   - range: evaluation times in Unix milliseconds, inclusive.
    /// - Returns: per selector, the time its live cycles began (absent when not recorded) and its backfilled times
    ///   in `range` (absent when none).
    /// - Throws: ``ArchiveError`` when the tables cannot be read.
    func backfillLedger(_ selectors: [String], in range: ClosedRange<Int64>) throws(ArchiveError) -> BackfillLedger {
        do {
            return try writer.read { db in
                var ledger = BackfillLedger()
                let liveFrom = try db.cachedStatement(
                    sql: "SELECT live_from_ms FROM backfill_selectors WHERE selector = ?")
                let times = try db.cachedStatement(
                    sql: "SELECT time_ms FROM backfill_cycles WHERE selector = ? AND time_ms BETWEEN ? AND ?")
                for selector in selectors {
                    ledger.liveFrom[selector] = try Int64.fetchOne(liveFrom, arguments: [selector])
                    let backfilled = try Int64.fetchSet(
                        times, arguments: [selector, range.lowerBound, range.upperBound])
                    if !backfilled.isEmpty { ledger.backfilled[selector] = backfilled }
                }
                return ledger
            }
        } catch {
            throw Self.error(error, path: path, "cannot read the backfill ledger")
        }
    }

    /// Records, for each selector not recorded yet, that live cycles read it from `time` on.
    ///
    /// An archive written before backfill existed has live cycles but no selector recorded: when the table holds
    /// no selector at all and the archive has live cycles, those cycles are taken to have read the selectors, and
    /// the time recorded is the oldest live cycle's; otherwise it is `time`. A selector already recorded keeps its
    /// time.
    /// - Parameters:
    ///   - selectors: the selectors the live cycles read.
    ///   - time: the evaluation time of the first live cycle that reads them, in Unix milliseconds.
    /// - Throws: ``ArchiveError`` when the rows cannot be written.
    func recordLiveSelectors(_ selectors: [String], from time: Int64) async throws(ArchiveError) {
        do {
            try await writer.write { db in
                var from = time
                if try Int64.fetchOne(db, sql: "SELECT 1 FROM backfill_selectors LIMIT 1") == nil,
                    let oldest = try Int64.fetchOne(db, sql: "SELECT min(time_ms) FROM evaluations WHERE \(Self.live)")
                {
                    from = oldest
                }
                let insert = try db.cachedStatement(
                    sql: "INSERT OR IGNORE INTO backfill_selectors (selector, live_from_ms) VALUES (?, ?)")
                for selector in selectors { try insert.execute(arguments: [selector, from]) }
            }
        } catch {
            throw Self.error(error, path: path, "cannot record the live selectors")
        }
    }
}
