import GRDB

extension ArchiveSchema {
    /// Keeps the forecast scorecard (``ForecastScorecard``) across a restart (migration `v11-forecast-scores`):
    ///
    /// - `forecast_pending(labels, last_time_ms, step_ms, horizon_end_ms, naive_scale, path_values, path_lower,
    ///   path_upper, scored)`, keyed `(labels, last_time_ms)` without rowid: each forecast kept until its horizons
    ///   have passed. `labels` is the source series' label set as a JSON object with sorted names, `__name__`
    ///   included (as `objective_events`' groups); `last_time_ms` and `step_ms` place the path (step k at
    ///   `last_time_ms + k·step_ms`), `horizon_end_ms` is its last step's time; `naive_scale` is the MASE scale
    ///   (NULL for none); the three `path_*` BLOBs hold the point forecasts and interval bounds as little-endian
    ///   IEEE 754 doubles, 8 bytes a step; `scored` counts the horizons already scored (the first ones).
    /// - `forecast_scores(id, labels, last_time_ms, horizon, end_ms, count, absolute_errors, squared_errors,
    ///   scaled_errors, scaled_count, inside)`: one forecast's accuracy at one horizon that ended at `end_ms`,
    ///   the sums of ``ForecastAccuracy`` (no type affinity, a NaN as the INTEGER of its bit pattern, like
    ///   `samples.value`); `id` keeps the order they were scored in, so the pooled sums come back to the bit.
    ///
    /// Each cycle's transaction applies the scorecard's changes since the previous one, and deletes the pending
    /// forecasts and scores whose end left `forecast.scoring_window` (at most the window plus the longest horizon
    /// after the forecast was made); retention deletes those older than its age too.
    static func storeForecastScores(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE forecast_pending (
                  labels TEXT NOT NULL,
                  last_time_ms INTEGER NOT NULL,
                  step_ms INTEGER NOT NULL,
                  horizon_end_ms INTEGER NOT NULL,
                  naive_scale,
                  path_values BLOB NOT NULL,
                  path_lower BLOB NOT NULL,
                  path_upper BLOB NOT NULL,
                  scored INTEGER NOT NULL,
                  PRIMARY KEY (labels, last_time_ms)
                ) WITHOUT ROWID;
                CREATE INDEX forecast_pending_end ON forecast_pending (horizon_end_ms);
                CREATE TABLE forecast_scores (
                  id INTEGER PRIMARY KEY,
                  labels TEXT NOT NULL,
                  last_time_ms INTEGER NOT NULL,
                  horizon TEXT NOT NULL,
                  end_ms INTEGER NOT NULL,
                  count INTEGER NOT NULL,
                  absolute_errors NOT NULL,
                  squared_errors NOT NULL,
                  scaled_errors NOT NULL,
                  scaled_count INTEGER NOT NULL,
                  inside INTEGER NOT NULL
                );
                CREATE INDEX forecast_scores_end ON forecast_scores (end_ms);
                """)
    }
}
