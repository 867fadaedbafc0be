import GRDB

extension ResultStore {
    /// Cycles deleted per transaction, so that a long pass never holds the write lock for long.
    static let retentionBatch = 64
    /// The most rounds of deletion a size cap may take in one pass.
    static let sizeRounds = 64

    /// Deletes what the policy no longer keeps, then gives the space back to the file system.
    ///
    /// In order: cycles older than `now` − age; then, while the pages in use exceed the size cap, the oldest cycles
    /// (never the newest); then series no remaining cycle refers to (``seriesRefresh``) and families without
    /// series, and the backfill ledger's times, the objectives' events and the forecast scorecard's rows older than
    /// `now` − age. A value that a deleted live cycle's row holds
    /// into the cycles kept moves to the oldest live one of them (``carryHeldValues(from:_:)``). Each batch
    /// of cycles is one transaction. When anything was deleted, `PRAGMA incremental_vacuum`
    /// returns the free pages and a `TRUNCATE` checkpoint shrinks the WAL, so the file gets smaller.
    /// - Parameters:
    ///   - policy: the retention policy.
    ///   - now: the reference time T in Unix milliseconds (the newest cycle's evaluation time).
    /// - Returns: what was deleted.
    /// - Throws: ``ArchiveError`` when a deletion fails (the batches before it stay deleted).
    @discardableResult
    package func applyRetention(
        _ policy: ArchiveRetention, now: Int64
    ) async throws(ArchiveError)
        -> ArchiveRetention.Outcome
    {
        var outcome = ArchiveRetention.Outcome()
        do {
            let (difference, overflow) = now.subtractingReportingOverflow(policy.age.milliseconds)
            let cutoff = overflow ? Int64.min : difference
            while true {
                let deleted = try await writer.write { db in
                    try Self.deleteOldest(Self.retentionBatch, before: cutoff, db)
                }
                outcome.evaluations += deleted
                if deleted < Self.retentionBatch { break }
            }
            if let maxSize = policy.maxSize?.bytes {
                for _ in 0..<Self.sizeRounds {
                    let deleted = try await writer.write { db in try Self.shrink(toward: maxSize, db) }
                    guard deleted > 0 else { break }
                    outcome.evaluations += deleted
                    try await writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA incremental_vacuum") }
                }
            }
            outcome.series = try await writer.write { db in
                // The backfill ledger forgets the times retention no longer keeps.
                try db.execute(sql: "DELETE FROM backfill_cycles WHERE time_ms < ?", arguments: [cutoff])
                // So do the objectives' events (a period is never longer than the retention).
                try db.execute(sql: "DELETE FROM objective_events WHERE time_ms < ?", arguments: [cutoff])
                // And the forecast scorecard's rows (the cycles prune them to the scoring window; the age bounds it).
                try db.execute(sql: "DELETE FROM forecast_pending WHERE horizon_end_ms < ?", arguments: [cutoff])
                try db.execute(sql: "DELETE FROM forecast_scores WHERE end_ms < ?", arguments: [cutoff])
                return try Self.deleteUnreferencedSeries(db)
            }
            if outcome.evaluations > 0 || outcome.series > 0 {
                try await writer.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA incremental_vacuum")
                    try Self.truncateWAL(db)
                }
            }
        } catch {
            throw Self.error(error, path: path, "cannot apply retention")
        }
        return outcome
    }

    /// Checkpoints the WAL and truncates it to nothing, if no reader is in the way; otherwise leaves it to a later
    /// pass. TRUNCATE waits for every reader to reach the newest state, and a long read (a streamed remote-read
    /// answer on its snapshot) would hold the writer for the whole busy timeout.
    private static func truncateWAL(_ db: Database) throws {
        try db.execute(sql: "PRAGMA busy_timeout = 0")
        defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(Archive.busyTimeout * 1000))") }
        _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
    }

    /// The bytes of the database's pages in use (free pages not counted; the WAL not counted).
    /// - Throws: ``ArchiveError`` when the pragmas cannot be read.
    package func usedBytes() throws(ArchiveError) -> Int64 {
        do {
            return try writer.read { db in try Self.usedBytes(db) }
        } catch {
            throw Self.error(error, path: path, "cannot read the database size")
        }
    }

    private static func usedBytes(_ db: Database) throws -> Int64 {
        let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
        let free = try Int64.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
        let size = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0
        return (pages - free) * size
    }

    /// Deletes up to `limit` of the oldest cycles older than `cutoff`, with their values.
    private static func deleteOldest(_ limit: Int, before cutoff: Int64, _ db: Database) throws -> Int {
        let ids = try Int64.fetchAll(
            db, sql: "SELECT id FROM evaluations WHERE time_ms < ? ORDER BY time_ms LIMIT ?",
            arguments: [cutoff, limit])
        try delete(ids, db)
        return ids.count
    }

    /// Deletes the oldest cycles in proportion to how far the pages in use exceed `maxSize`, keeping the newest.
    private static func shrink(toward maxSize: Int64, _ db: Database) throws -> Int {
        let used = try usedBytes(db)
        guard used > maxSize else { return 0 }
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM evaluations") ?? 0
        guard count > 1 else { return 0 }
        let share = Double(used - maxSize) / Double(used)
        let wanted = min(count - 1, max(1, Int((Double(count) * share).rounded(.up))), retentionBatch)
        let ids = try Int64.fetchAll(
            db, sql: "SELECT id FROM evaluations ORDER BY time_ms LIMIT ?", arguments: [wanted])
        try delete(ids, db)
        return ids.count
    }

    /// Deletes the cycles `ids` (the oldest, or a backfilled one) with their values; the values their held rows
    /// leave holding move to the oldest live cycle kept (``carryHeldValues(from:_:)``).
    static func delete(_ ids: [Int64], _ db: Database) throws {
        try carryHeldValues(from: ids, db)
        let samples = try db.cachedStatement(sql: "DELETE FROM point_samples WHERE evaluation_id = ?")
        let windows = try db.cachedStatement(sql: "DELETE FROM window_samples WHERE evaluation_id = ?")
        let held = try db.cachedStatement(sql: "DELETE FROM held_samples WHERE evaluation_id = ?")
        let evaluations = try db.cachedStatement(sql: "DELETE FROM evaluations WHERE id = ?")
        for id in ids {
            try samples.execute(arguments: [id])
            try windows.execute(arguments: [id])
            try held.execute(arguments: [id])
            try evaluations.execute(arguments: [id])
        }
    }

    /// Deletes the series whose `last_time_ms` proves that no remaining cycle refers to them, and the families and
    /// window groups left without series.
    private static func deleteUnreferencedSeries(_ db: Database) throws -> Int {
        if let oldest = try Int64.fetchOne(db, sql: "SELECT min(time_ms) FROM evaluations") {
            try db.execute(
                sql: "DELETE FROM series WHERE last_time_ms < ?",
                arguments: [max(oldest, .min + seriesRefresh) - seriesRefresh])
        } else {
            try db.execute(sql: "DELETE FROM series")
        }
        let deleted = db.changesCount
        if deleted > 0 {
            try db.execute(sql: "DELETE FROM metric_families WHERE name NOT IN (SELECT metric FROM series)")
            try db.execute(
                sql: """
                    DELETE FROM window_groups
                    WHERE id NOT IN (SELECT group_id FROM series WHERE group_id IS NOT NULL)
                    """)
        }
        return deleted
    }
}
