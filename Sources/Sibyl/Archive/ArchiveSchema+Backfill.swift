import Foundation
import GRDB

extension ArchiveSchema {
    /// The status of a backfilled cycle (`evaluations.status`), one computed after the fact from the source's raw
    /// history rather than live.
    static let backfillStatus = "backfill"

    /// Keeps backfilled cycles apart from the held values, and records what was backfilled (migration
    /// `v8-backfill`).
    ///
    /// A backfilled cycle is written after the live cycles (a higher id) with an older time, so it must not take
    /// part in the spreading of held values, which follows the ids (``storeHeldValues(_:)``):
    ///
    /// - A backfilled cycle is an `evaluations` row with `status = 'backfill'`. It stores every value as a row of
    ///   its own (the window statistics in `window_samples`, every other value in `point_samples`) and never has
    ///   `held_samples` rows; its time is unique like any cycle's, so a backfilled cycle whose time already has a
    ///   cycle adds its rows to that cycle (none that the cycle already has), and a live cycle written at the time of
    ///   a backfilled one replaces it.
    /// - The view `held_values` spreads a held value only over cycles that are not backfilled (its rows at a
    ///   backfilled cycle are left out); `samples` and the result views are re-created over it unchanged.
    /// - `backfill_selectors(selector, live_from_ms)`: per selector (an opaque canonical text), the time from which
    ///   live cycles read it, so that backfill computes only the cycles before.
    /// - `backfill_cycles(selector, time_ms)`, keyed `(selector, time_ms)` without rowid: the times backfilled for a
    ///   selector, so that a restart does not compute them again; retention forgets those older than its age.
    /// - `remote_write_backfill_cursor(endpoint, evaluation_id)`: each remote-write endpoint's second cursor, the id
    ///   of the newest backfilled cycle it is done with: backfilled cycles are sent in the order they were written,
    ///   behind the endpoint's time cursor (`remote_write_cursor`).
    static func storeBackfill(_ db: Database) throws {
        // The views as `v6-held-values` wrote them: `held_values` gains the condition, `samples` is made again as is.
        var views: [String: String] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'view' AND name IN ('held_values', 'samples')")
        {
            views[row[0]] = row[1]
        }
        let valued = "WHERE h.value IS NOT NULL"
        guard let held = views["held_values"], held.contains(valued), let samples = views["samples"] else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "the views held_values and samples are missing")
        }
        try db.execute(
            sql: (resultViews + ["samples", "held_values"]).map { "DROP VIEW IF EXISTS \($0);" }
                .joined(separator: "\n"))
        try db.execute(
            sql: held.replacingOccurrences(of: valued, with: valued + " AND e.status <> '\(backfillStatus)'"))
        try db.execute(sql: samples)
        try db.execute(
            sql: """
                CREATE TABLE backfill_selectors (
                  selector TEXT PRIMARY KEY NOT NULL,
                  live_from_ms INTEGER NOT NULL
                );
                CREATE TABLE backfill_cycles (
                  selector TEXT NOT NULL,
                  time_ms INTEGER NOT NULL,
                  PRIMARY KEY (selector, time_ms)
                ) WITHOUT ROWID;
                CREATE TABLE remote_write_backfill_cursor (
                  endpoint TEXT PRIMARY KEY NOT NULL,
                  evaluation_id INTEGER NOT NULL
                );
                """)
        try db.execute(sql: resultViewsSQL)
    }
}
