import GRDB

extension ArchiveSchema {
    /// The five window-statistics families, in the order of their columns in `window_samples` (a series' `slot`).
    static let windowFamilies = WindowFamilies.all.sorted {
        ($0.archiveSlot?.windowColumn ?? 0) < ($1.archiveSlot?.windowColumn ?? 0)
    }
    .map(\.name)

    /// Stores the window statistics five to a row (migration `v3-window-rows`).
    ///
    /// The five `sibyl_window_*` series of one source series and window share their label set; they make up the
    /// bulk of every cycle. One row per value cost about 23 bytes (key, record header and cell pointer around an
    /// 8-byte double), 340 bytes per source series and cycle for the three windows; one row of five values costs
    /// about 50 bytes, 150 per source series and cycle:
    ///
    /// - `window_groups(id, labels UNIQUE)`: one row per label set of window statistics (source labels + `window`).
    /// - `series` gains `group_id` (the series' group, for the five families) and `slot` (0 min, 1 max, 2 avg,
    ///   3 stddev, 4 samples).
    /// - `window_samples(evaluation_id, group_id, min, max, avg, stddev, samples)`, keyed
    ///   `(evaluation_id, group_id)` without rowid: a value is stored as in `samples` (a REAL, a NaN as the INTEGER
    ///   of its bits), except `samples`, a count, which is an INTEGER when it is a whole number (2 bytes instead of
    ///   8); a NaN count goes to `point_samples` instead. NULL: the family had no sample for that series.
    /// - The table `samples` is renamed `point_samples` and holds every other value; `samples` becomes a view with
    ///   the same columns over both tables, so every reader of `samples` and the views built on it read the same
    ///   rows as before. Counts moved from `point_samples` stay REALs (the view reads both).
    static func storeWindowRows(_ db: Database) throws {
        let names = windowFamilies.map { "'\($0)'" }.joined(separator: ", ")
        let slot = windowFamilies.enumerated().map { "WHEN '\($1)' THEN \($0)" }.joined(separator: " ")
        try db.execute(sql: resultViews.map { "DROP VIEW IF EXISTS \($0);" }.joined(separator: "\n"))
        try db.execute(
            sql: """
                ALTER TABLE samples RENAME TO point_samples;
                CREATE TABLE window_groups (
                  id INTEGER PRIMARY KEY,
                  labels TEXT NOT NULL UNIQUE
                );
                ALTER TABLE series ADD COLUMN group_id INTEGER;
                ALTER TABLE series ADD COLUMN slot INTEGER;
                INSERT INTO window_groups (labels) SELECT DISTINCT labels FROM series WHERE metric IN (\(names));
                UPDATE series
                  SET group_id = (SELECT g.id FROM window_groups g WHERE g.labels = series.labels),
                      slot = CASE metric \(slot) END
                  WHERE metric IN (\(names));
                CREATE INDEX series_by_group ON series (group_id) WHERE group_id IS NOT NULL;
                CREATE TABLE window_samples (
                  evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
                  group_id INTEGER NOT NULL,
                  min, max, avg, stddev, samples,
                  PRIMARY KEY (evaluation_id, group_id)
                ) WITHOUT ROWID;
                INSERT INTO window_samples (evaluation_id, group_id, min, max, avg, stddev, samples)
                  SELECT p.evaluation_id, s.group_id,
                         max(CASE s.slot WHEN 0 THEN p.value END), max(CASE s.slot WHEN 1 THEN p.value END),
                         max(CASE s.slot WHEN 2 THEN p.value END), max(CASE s.slot WHEN 3 THEN p.value END),
                         max(CASE WHEN s.slot = 4 AND typeof(p.value) = 'real' THEN p.value END)
                  FROM point_samples p JOIN series s ON s.id = p.series_id
                  WHERE s.group_id IS NOT NULL
                  GROUP BY p.evaluation_id, s.group_id;
                DELETE FROM point_samples
                  WHERE series_id IN (SELECT id FROM series WHERE group_id IS NOT NULL AND slot < 4)
                     OR (series_id IN (SELECT id FROM series WHERE slot = 4) AND typeof(value) = 'real');
                CREATE VIEW samples AS
                  SELECT evaluation_id, series_id, value FROM point_samples
                  UNION ALL
                  SELECT evaluation_id, series_id, value FROM (
                    SELECT w.evaluation_id, s.id AS series_id,
                           CASE s.slot WHEN 0 THEN w.min WHEN 1 THEN w.max WHEN 2 THEN w.avg WHEN 3 THEN w.stddev
                             ELSE CASE WHEN typeof(w.samples) = 'integer' THEN CAST(w.samples AS REAL)
                                       ELSE w.samples END
                           END AS value
                    FROM window_samples w JOIN series s ON s.group_id = w.group_id
                  ) WHERE value IS NOT NULL;
                """)
        try db.execute(sql: resultViewsSQL)
    }
}
