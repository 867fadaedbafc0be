import GRDB

extension ArchiveSchema {
    /// The views over the archived values, by name.
    static let resultViews = ["results"] + ArchiveView.allCases.map(\.rawValue)

    /// Creates the archive of cycles (migration `v2-results`).
    ///
    /// Four tables hold everything `/metrics` showed at each successful cycle, except Sibyl's own health:
    ///
    /// - `evaluations(id, time_ms UNIQUE, duration_seconds, status)`: one row per archived cycle; `time_ms` is the
    ///   evaluation time T in Unix milliseconds, the sample time of all of the cycle's values.
    /// - `series(id, metric, labels, last_time_ms)`, unique on `(metric, labels)`: one row per derived series, its
    ///   metric name (`sibyl_window_max`) and its label set as canonical JSON (``ArchivedLabels``: an object with
    ///   the names sorted by bytes, `{"instance":"a:9100","metric":"node_load1","window":"1h"}`).
    ///   `last_time_ms` trails the newest cycle that wrote the series by at most ``ResultStore/seriesRefresh``;
    ///   retention uses it to delete series no cycle refers to any more.
    /// - `samples(evaluation_id, series_id, value)`, keyed `(evaluation_id, series_id)` without rowid: the values.
    ///   `value` has no type affinity so that it keeps every bit: a REAL for any number (−0.0 and ±Inf included;
    ///   SQLite's REAL affinity would turn −0.0 into 0), and for a NaN, which SQLite cannot store as a REAL, the
    ///   INTEGER holding its IEEE 754 bit pattern (`Int64(bitPattern: value.bitPattern)`).
    /// - `metric_families(name, kind, help)`: each archived family's `# TYPE` and `# HELP`, as last seen.
    ///
    /// Views present the values by kind of result, with `value` NULL for a NaN, the labels Sibyl adds taken out of
    /// the JSON, and `source_labels` the labels without them (the source series' identity):
    ///
    /// - `results(evaluation_id, time_ms, series_id, metric, labels, value)`: every archived value.
    /// - `window_statistics(…, statistic, source_metric, window, source_labels, value)`: `sibyl_window_*`
    ///   (`statistic` is min, max, avg, stddev or samples).
    /// - `stationarity(…, quantity, source_metric, level, source_labels, value)`: `sibyl_adf_*` and
    ///   `sibyl_stationary` (`quantity` is statistic, pvalue, used_lags, observations, information_criterion,
    ///   critical_value or stationary).
    /// - `autocorrelation(…, source_metric, lag, source_labels, value)`: `sibyl_acf`.
    /// - `seasonality(…, quantity, source_metric, phase, source_labels, value)`: `sibyl_seasonal_*`.
    /// - `forecasts(…, quantity, source_metric, horizon, parameter, source_labels, value)`: `sibyl_forecast_*`.
    /// - `objectives(…, quantity, objective, value)`: `sibyl_slo_min`, `sibyl_slo_max`, `sibyl_slo_series`, the
    ///   objectives as judged at each cycle (the `objective` table holds the definitions made through the API).
    /// - `objective_status(…, quantity, objective, source_metric, window, bound, source_labels, value)`: the other
    ///   `sibyl_slo_*` families, per objective and matching series.
    ///
    /// Since `v3-window-rows` (``storeWindowRows(_:)``), `samples` is a view with the same columns over the tables
    /// `point_samples` and `window_samples`.
    ///
    /// A remote-read endpoint enumerates `series` (name `metric`, labels from the JSON), then reads `samples`
    /// joined to `evaluations` for the sample times; `evaluation_id` leads the key so a cycle is written, and
    /// retention deletes, as one contiguous range.
    static func createResults(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE evaluations (
                  id INTEGER PRIMARY KEY,
                  time_ms INTEGER NOT NULL UNIQUE,
                  duration_seconds REAL,
                  status TEXT NOT NULL
                );
                CREATE TABLE series (
                  id INTEGER PRIMARY KEY,
                  metric TEXT NOT NULL,
                  labels TEXT NOT NULL,
                  last_time_ms INTEGER NOT NULL,
                  UNIQUE (metric, labels)
                );
                CREATE TABLE samples (
                  evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
                  series_id INTEGER NOT NULL,
                  value NOT NULL,
                  PRIMARY KEY (evaluation_id, series_id)
                ) WITHOUT ROWID;
                CREATE TABLE metric_families (
                  name TEXT PRIMARY KEY,
                  kind TEXT NOT NULL,
                  help TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        try db.execute(sql: resultViewsSQL)
    }

    /// The views of ``createResults(_:)`` over the tables `evaluations`, `series` and `samples` (a table until
    /// `v3-window-rows`, a view since); `v3-window-rows` drops and re-creates them unchanged. Which families each
    /// view presents, and the value of its quantity column for each, come from the catalog (``ArchiveSlot``).
    static var resultViewsSQL: String {
        typealias View = ArchiveView
        return """
            CREATE VIEW results AS
              SELECT e.id AS evaluation_id, e.time_ms, s.id AS series_id, s.metric, s.labels,
                     CASE WHEN typeof(v.value) = 'real' THEN v.value END AS value
              FROM samples v JOIN evaluations e ON e.id = v.evaluation_id JOIN series s ON s.id = v.series_id;
            CREATE VIEW window_statistics AS
              SELECT evaluation_id, time_ms, series_id, \(View.windowStatistics.quantityExpression) AS statistic,
                     json_extract(labels, '$.metric') AS source_metric,
                     json_extract(labels, '$.window') AS window,
                     json_remove(labels, '$.window') AS source_labels, value
              FROM results WHERE \(View.windowStatistics.predicate);
            CREATE VIEW histograms AS
              SELECT evaluation_id, time_ms, series_id, \(View.histograms.quantityExpression) AS quantity,
                     json_extract(labels, '$.metric') AS source_metric,
                     json_extract(labels, '$.window') AS window,
                     json_extract(labels, '$.statistic') AS statistic,
                     CAST(json_extract(labels, '$.quantile') AS REAL) AS quantile,
                     CAST(json_extract(labels, '$.le') AS REAL) AS le,
                     json_remove(labels, '$.window', '$.statistic', '$.quantile', '$.le') AS source_labels, value
              FROM results WHERE \(View.histograms.predicate);
            CREATE VIEW stationarity AS
              SELECT evaluation_id, time_ms, series_id, \(View.stationarity.quantityExpression) AS quantity,
                     json_extract(labels, '$.metric') AS source_metric,
                     json_extract(labels, '$.level') AS level,
                     json_remove(labels, '$.level') AS source_labels, value
              FROM results WHERE \(View.stationarity.predicate);
            CREATE VIEW autocorrelation AS
              SELECT evaluation_id, time_ms, series_id,
                     json_extract(labels, '$.metric') AS source_metric,
                     CAST(json_extract(labels, '$.lag') AS INTEGER) AS lag,
                     json_remove(labels, '$.lag') AS source_labels, value
              FROM results WHERE \(View.autocorrelation.predicate);
            CREATE VIEW seasonality AS
              SELECT evaluation_id, time_ms, series_id, \(View.seasonality.quantityExpression) AS quantity,
                     json_extract(labels, '$.metric') AS source_metric,
                     CAST(json_extract(labels, '$.phase') AS INTEGER) AS phase,
                     json_remove(labels, '$.phase') AS source_labels, value
              FROM results WHERE \(View.seasonality.predicate);
            CREATE VIEW forecasts AS
              SELECT evaluation_id, time_ms, series_id, \(View.forecasts.quantityExpression) AS quantity,
                     json_extract(labels, '$.metric') AS source_metric,
                     json_extract(labels, '$.horizon') AS horizon,
                     json_extract(labels, '$.parameter') AS parameter,
                     json_remove(labels, '$.horizon', '$.parameter') AS source_labels, value
              FROM results WHERE \(View.forecasts.predicate);
            CREATE VIEW objectives AS
              SELECT evaluation_id, time_ms, series_id, \(View.objectives.quantityExpression) AS quantity,
                     json_extract(labels, '$.objective') AS objective, value
              FROM results WHERE \(View.objectives.predicate);
            CREATE VIEW objective_status AS
              SELECT evaluation_id, time_ms, series_id, \(View.objectiveStatus.quantityExpression) AS quantity,
                     json_extract(labels, '$.objective') AS objective,
                     json_extract(labels, '$.metric') AS source_metric,
                     json_extract(labels, '$.window') AS window,
                     json_extract(labels, '$.bound') AS bound,
                     json_remove(labels, '$.objective', '$.window', '$.bound') AS source_labels, value
              FROM results WHERE \(View.objectiveStatus.predicate);
            """
    }
}
