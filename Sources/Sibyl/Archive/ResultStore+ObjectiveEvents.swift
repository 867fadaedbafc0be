import GRDB
import SibylAnalysis
import SibylWire

extension ResultStore {
    /// Appends each budgeted objective's events of one judgement (``ArchiveSchema/storeObjectiveEvents(_:)``); a row
    /// already there for the same objective, group and time is kept.
    /// - Throws: ``ArchiveError`` naming the cause.
    package func appendObjectiveEvents(_ rows: [ErrorBudgetLedger.Row]) async throws(ArchiveError) {
        guard !rows.isEmpty else { return }
        do {
            try await writer.write { db in
                let insert = try db.cachedStatement(
                    sql: """
                        INSERT OR IGNORE INTO objective_events (objective, labels, time_ms, good, total)
                        VALUES (?, ?, ?, ?, ?)
                        """)
                for row in rows {
                    guard let labels = try? RenderedLabels(row.labels.map { (name: $0.name, value: $0.value) })
                    else { continue }
                    try insert.execute(
                        arguments: [
                            row.objective, ArchivedLabels.text(labels), row.time, row.events.good, row.events.total,
                        ])
                }
            }
        } catch {
            throw Self.error(error, path: path, "cannot archive the objectives' events")
        }
    }

    /// The objectives' events of the cycles after `time`, oldest first.
    /// - Throws: ``ArchiveError`` when the table cannot be read or holds labels this version cannot read.
    package func objectiveEvents(after time: Int64) throws(ArchiveError) -> [ErrorBudgetLedger.Row] {
        let rows: [Row]
        do {
            rows = try reader.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT objective, labels, time_ms, good, total FROM objective_events WHERE time_ms > ?
                        ORDER BY time_ms
                        """,
                    arguments: [time])
            }
        } catch {
            throw Self.error(error, path: path, "cannot read the objectives' events")
        }
        return try rows.map { row throws(ArchiveError) in
            guard let labels = ArchivedLabels.labels(row[1]) else {
                throw ArchiveError(.corrupt, path: path, "objective events with labels \(row[1] as String) unreadable")
            }
            return ErrorBudgetLedger.Row(
                objective: row[0], labels: labels.labels.map { Label($0.name, $0.value) }, time: row[2],
                events: SLIEvents(good: row[3], total: row[4]))
        }
    }
}
