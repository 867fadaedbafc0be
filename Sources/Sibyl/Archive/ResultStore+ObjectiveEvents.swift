import Foundation
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
                    try insert.execute(
                        arguments: [
                            row.objective, Self.groupText(row.labels), row.time, row.events.good, row.events.total,
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
            guard let labels = Self.groupLabels(row[1]) else {
                throw ArchiveError(.corrupt, path: path, "objective events with labels \(row[1] as String) unreadable")
            }
            return ErrorBudgetLedger.Row(
                objective: row[0], labels: labels, time: row[2], events: SLIEvents(good: row[3], total: row[4]))
        }
    }

    /// An indicator group's labels as a JSON object with sorted names. The source labels of a range objective's
    /// series, `__name__` included, which ``ArchivedLabels`` (derived label sets) does not take.
    static func groupText(_ labels: [Label]) -> String {
        let object = Dictionary(labels.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(object)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The labels of ``groupText(_:)``, sorted by name; `nil` for text that is not such an object.
    static func groupLabels(_ text: String) -> [Label]? {
        guard let object = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8)) else { return nil }
        return object.sorted { $0.key < $1.key }.map { Label($0.key, $0.value) }
    }
}
