import Foundation
import GRDB

extension ArchiveSchema {
    /// Stores the values of every series but the window statistics when they change (migration `v6-held-values`).
    ///
    /// The metadata is computed every `metadata_interval` and the forecasts every `forecast.interval`; between two
    /// runs `/metrics` shows the same values, and writing them again every cycle cost about 1 KB per source series
    /// and cycle. Since this migration a cycle writes such a value only when it differs (bit for bit) from the one it
    /// holds, when the series appears, and at least every ``ResultStore/seriesRefresh``; when the series leaves the
    /// exposition the cycle writes its end:
    ///
    /// - `held_samples(evaluation_id, series_id, value)`, keyed `(evaluation_id, series_id)` without rowid: `value`
    ///   (stored as in `point_samples`) holds from this cycle on, up to the series' next row; NULL: the series is
    ///   absent from this cycle on. A row is never older than ``ResultStore/seriesRefresh`` at a cycle that shows
    ///   its value, so readers find a cycle's value among the cycles of the hour before it; retention moves a value
    ///   that holds into the cycles it keeps onto the oldest of them.
    /// - `point_samples` keeps the values written before this migration (each for its cycle alone) and the window
    ///   counts that are NaN.
    /// - The view `held_values(evaluation_id, series_id, value)` expands the held values over every cycle they hold
    ///   for; `exact_samples` is the former `samples` (the rows written for one cycle each), and `samples` is both,
    ///   so every view reads the same rows as when every cycle wrote everything.
    static func storeHeldValues(_ db: Database) throws {
        // The former `samples` becomes `exact_samples`, its definition kept as `v3-window-rows` wrote it.
        guard let samples = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'samples'"),
            let body = samples.range(of: " AS", options: .caseInsensitive)
        else { throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "the view samples is missing") }
        try db.execute(sql: (resultViews + ["samples"]).map { "DROP VIEW IF EXISTS \($0);" }.joined(separator: "\n"))
        try db.execute(sql: "CREATE VIEW exact_samples" + samples[body.lowerBound...])
        try db.execute(
            sql: """
                CREATE TABLE held_samples (
                  evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
                  series_id INTEGER NOT NULL,
                  value,
                  PRIMARY KEY (evaluation_id, series_id)
                ) WITHOUT ROWID;
                CREATE VIEW held_values AS
                  SELECT e.id AS evaluation_id, h.series_id, h.value
                  FROM (
                    SELECT evaluation_id, series_id, value,
                           lead(evaluation_id) OVER (PARTITION BY series_id ORDER BY evaluation_id) AS next_id
                    FROM held_samples
                  ) h JOIN evaluations e ON e.id >= h.evaluation_id AND (h.next_id IS NULL OR e.id < h.next_id)
                  WHERE h.value IS NOT NULL;
                CREATE VIEW samples AS
                  SELECT evaluation_id, series_id, value FROM exact_samples
                  UNION ALL
                  SELECT evaluation_id, series_id, value FROM held_values;
                """)
        try db.execute(sql: resultViewsSQL)
    }
}
