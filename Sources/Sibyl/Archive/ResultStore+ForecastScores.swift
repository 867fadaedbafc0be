import Foundation
import GRDB
import SibylAnalysis
import SibylWire

extension ResultStore {
    /// Applies a scorecard's changes in order (``ArchiveSchema/storeForecastScores(_:)``), inside the caller's
    /// transaction (the cycle's).
    static func applyForecastChanges(_ changes: [ForecastScorecard.Change], _ db: Database) throws {
        guard !changes.isEmpty else { return }
        let insertPending = try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO forecast_pending
                  (labels, last_time_ms, step_ms, horizon_end_ms, naive_scale, path_values, path_lower, path_upper,
                   scored)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let progress = try db.cachedStatement(
            sql: "UPDATE forecast_pending SET scored = ? WHERE labels = ? AND last_time_ms = ?")
        let retire = try db.cachedStatement(sql: "DELETE FROM forecast_pending WHERE labels = ? AND last_time_ms = ?")
        let insertScore = try db.cachedStatement(
            sql: """
                INSERT INTO forecast_scores
                  (labels, last_time_ms, horizon, end_ms, count, absolute_errors, squared_errors, scaled_errors,
                   scaled_count, inside)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for change in changes {
            switch change {
            case .issued(let labels, let issued):
                let forecast = issued.forecast
                try insertPending.execute(
                    arguments: [
                        groupText(labels), forecast.lastTime, forecast.step, issued.horizonEnd,
                        forecast.naiveScale.map(storedValue), LittleEndianDoubles.data(forecast.path.values),
                        LittleEndianDoubles.data(forecast.path.lower), LittleEndianDoubles.data(forecast.path.upper),
                        issued.scored,
                    ])
            case .progressed(let labels, let lastTime, let scored):
                try progress.execute(arguments: [scored, groupText(labels), lastTime])
            case .retired(let labels, let lastTime):
                try retire.execute(arguments: [groupText(labels), lastTime])
            case .scored(let labels, let scored):
                let accuracy = scored.accuracy
                try insertScore.execute(
                    arguments: [
                        groupText(labels), scored.lastTime, scored.horizon, scored.end, accuracy.count,
                        storedValue(accuracy.absoluteErrors), storedValue(accuracy.squaredErrors),
                        storedValue(accuracy.scaledErrors), accuracy.scaledCount, accuracy.inside,
                    ])
            case .pruned(let time):
                try deleteForecastScores(through: time, db)
            }
        }
    }

    /// Deletes the pending forecasts whose path, and the scores whose horizon, ended at or before `time`.
    static func deleteForecastScores(through time: Int64, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM forecast_pending WHERE horizon_end_ms <= ?", arguments: [time])
        try db.execute(sql: "DELETE FROM forecast_scores WHERE end_ms <= ?", arguments: [time])
    }

    /// Applies a scorecard's changes in a transaction of their own: those the last cycle's left (at shutdown).
    /// - Throws: ``ArchiveError`` naming the cause.
    package func appendForecastChanges(_ changes: [ForecastScorecard.Change]) async throws(ArchiveError) {
        guard !changes.isEmpty else { return }
        do {
            try await writer.write { db in try Self.applyForecastChanges(changes, db) }
        } catch {
            throw Self.error(error, path: path, "cannot archive the forecast scores")
        }
    }

    /// The pending forecasts whose path, and the scores whose horizon, ended after `time`: each series' forecasts
    /// in time order, the scores in the order they were scored.
    /// - Throws: ``ArchiveError`` when the tables cannot be read or hold rows this version cannot read.
    package func forecastRecord(after time: Int64) throws(ArchiveError) -> ForecastScorecard.Record {
        let rows: (pending: [Row], scored: [Row])
        do {
            rows = try reader.read { db in
                (
                    try Row.fetchAll(
                        db,
                        sql: """
                            SELECT labels, last_time_ms, step_ms, naive_scale, path_values, path_lower, path_upper,
                                   scored
                            FROM forecast_pending WHERE horizon_end_ms > ? ORDER BY labels, last_time_ms
                            """,
                        arguments: [time]),
                    try Row.fetchAll(
                        db,
                        sql: """
                            SELECT labels, last_time_ms, horizon, end_ms, count, absolute_errors, squared_errors,
                                   scaled_errors, scaled_count, inside
                            FROM forecast_scores WHERE end_ms > ? ORDER BY id
                            """,
                        arguments: [time])
                )
            }
        } catch {
            throw Self.error(error, path: path, "cannot read the forecast scores")
        }
        var record = ForecastScorecard.Record()
        for row in rows.pending {
            guard let labels = Self.groupLabels(row[0]), let issued = Self.issued(row) else {
                throw ArchiveError(.corrupt, path: path, "pending forecast of \(row[0] as String) unreadable")
            }
            record.pending.append((labels, issued))
        }
        for row in rows.scored {
            guard let labels = Self.groupLabels(row[0]), let absolute = Self.value(row[5]),
                let squared = Self.value(row[6]), let scaled = Self.value(row[7])
            else {
                throw ArchiveError(.corrupt, path: path, "forecast score of \(row[0] as String) unreadable")
            }
            let accuracy = ForecastAccuracy(
                count: row[4], absoluteErrors: absolute, squaredErrors: squared, scaledErrors: scaled,
                scaledCount: row[8], inside: row[9])
            let scored = ForecastScorecard.Scored(
                lastTime: row[1], horizon: row[2], end: row[3], accuracy: accuracy)
            record.scored.append((labels, scored))
        }
        return record
    }

    /// A `forecast_pending` row's forecast; `nil` when its paths are not whole doubles of one length.
    ///
    /// Only what scoring reads is kept: the path's values and bounds, its place and the MASE scale. The summary
    /// is the path's extremes and mean with the fit's parameters and errors NaN, the variances NaN.
    private static func issued(_ row: Row) -> ForecastScorecard.Issued? {
        guard let values = LittleEndianDoubles.values(row[4]), let lower = LittleEndianDoubles.values(row[5]),
            let upper = LittleEndianDoubles.values(row[6]), lower.count == values.count,
            upper.count == values.count, !values.isEmpty
        else { return nil }
        let naiveScale: DatabaseValue = row[3]
        let summary = ForecastSummary(
            steps: values.count, maximum: values.max() ?? .nan, minimum: values.min() ?? .nan,
            mean: values.reduce(0, +) / Double(values.count), lowerMinimum: lower.min() ?? .nan,
            upperMaximum: upper.max() ?? .nan, smoothing: SmoothingParameters(),
            sumOfSquaredErrors: .nan, rootMeanSquaredError: .nan)
        let path = HoltWintersForecast(
            values: values, lower: lower, upper: upper, variances: values.map { _ in .nan })
        return ForecastScorecard.Issued(
            forecast: SeriesForecast(
                summary: summary, path: path, lastTime: row[1], step: row[2], naiveScale: value(naiveScale)),
            scored: row[7])
    }
}
