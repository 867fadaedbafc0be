import Foundation
import GRDB
import SibylWire

/// The objectives created through the API, one row each in the archive's `objective` table.
///
/// Writes run on GRDB's single writer queue, in the order they are submitted; each takes an `onCommit` closure that
/// runs on that queue right after its transaction commits, so a caller that mirrors the table in memory sees the
/// writes in commit order.
package struct ObjectiveStore: Sendable {
    /// A row that no longer makes a valid objective (edited by hand, or written by another version).
    package struct InvalidRow: Sendable, Hashable {
        /// The row's name.
        package var name: String
        /// Why it is not valid.
        package var error: ObjectiveError
    }

    let writer: any DatabaseWriter
    let path: String

    /// Every stored objective, by name; rows that are not valid objectives are returned apart.
    /// - Returns: the valid objectives sorted by name, and the invalid rows.
    /// - Throws: ``ArchiveError`` when the table cannot be read.
    package func loadAll() throws(ArchiveError) -> (objectives: [Objective], invalid: [InvalidRow]) {
        let rows: [Row]
        do {
            rows = try writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM objective ORDER BY name") }
        } catch {
            throw ArchiveError(.queryFailed, path: path, "cannot read the objectives: \(Archive.reason(error))")
        }
        var objectives: [Objective] = []
        var invalid: [InvalidRow] = []
        for row in rows {
            let name: String = row["name"]
            do {
                objectives.append(try Self.objective(from: row))
            } catch {
                invalid.append(InvalidRow(name: name, error: error))
            }
        }
        return (objectives, invalid)
    }

    /// Inserts or replaces an objective.
    /// - Parameters:
    ///   - time: the write's time in Unix milliseconds (`updated_at`).
    ///   - onCommit: called on the writer queue right after the commit, with whether the row is new.
    /// - Returns: `true` when the objective was created, `false` when it replaced one.
    /// - Throws: ``ArchiveError`` when the write fails (nothing was changed then).
    @discardableResult
    package func save(
        _ objective: Objective, at time: Int64, onCommit: @escaping @Sendable (Bool) -> Void = { _ in }
    ) async throws(ArchiveError) -> Bool {
        do {
            return try await writer.write { db in
                let exists =
                    try Bool.fetchOne(
                        db, sql: "SELECT EXISTS(SELECT 1 FROM objective WHERE name = ?)", arguments: [objective.name])
                    ?? false
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO objective
                          (name, selector, min, max, transform, divide_by, windows, description, target, period,
                           ratio, latency, "by", updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        objective.name, objective.selector.description, objective.min, objective.max,
                        objective.transform?.rawValue, objective.divideBy?.description,
                        objective.windows?.map(\.description).joined(separator: ","),
                        objective.description, objective.budget?.target, objective.budget?.periodText,
                        try objective.ratio.map { try Self.json(RatioDocument($0)) },
                        try objective.latency.map { try Self.json(LatencyDocument($0)) },
                        objective.by.isEmpty ? nil : try Self.json(objective.by), time,
                    ])
                db.afterNextTransaction(onCommit: { _ in onCommit(!exists) })
                return !exists
            }
        } catch {
            throw ArchiveError(
                .queryFailed, path: path, "cannot save objective \(objective.name): \(Archive.reason(error))")
        }
    }

    /// Deletes an objective.
    /// - Parameters:
    ///   - name: the objective's name.
    ///   - onCommit: called on the writer queue right after the commit when a row was deleted.
    /// - Returns: whether a row was deleted.
    /// - Throws: ``ArchiveError`` when the write fails.
    @discardableResult
    package func delete(
        named name: String, onCommit: @escaping @Sendable () -> Void = {}
    ) async throws(ArchiveError) -> Bool {
        do {
            return try await writer.write { db in
                try db.execute(sql: "DELETE FROM objective WHERE name = ?", arguments: [name])
                let deleted = db.changesCount > 0
                if deleted { db.afterNextTransaction(onCommit: { _ in onCommit() }) }
                return deleted
            }
        } catch {
            throw ArchiveError(.queryFailed, path: path, "cannot delete objective \(name): \(Archive.reason(error))")
        }
    }

    /// The objective a row holds, checked as an API body would be.
    private static func objective(from row: Row) throws(ObjectiveError) -> Objective {
        let windows: String? = row["windows"]
        let transform: String? = row["transform"]
        let divideBy: String? = row["divide_by"]
        let period: String? = row["period"]
        let document = ObjectiveDocument(
            name: row["name"], selector: row["selector"], min: row["min"], max: row["max"], transform: transform,
            divideBy: divideBy, windows: windows.map { $0.split(separator: ",").map(String.init) },
            description: row["description"], target: row["target"], period: period,
            ratio: try decoded(RatioDocument.self, row["ratio"], field: "ratio"),
            latency: try decoded(LatencyDocument.self, row["latency"], field: "latency"),
            by: try decoded([String].self, row["by"], field: "by"))
        return try document.objective()
    }

    /// A JSON column's value: `nil` for NULL, an error naming the field when the text is not what it should be.
    private static func decoded<T: Decodable>(
        _ type: T.Type, _ text: String?, field: String
    ) throws(ObjectiveError) -> T? {
        guard let text else { return nil }
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch let error as ObjectiveError {
            throw error
        } catch {
            throw ObjectiveError(.wrongType, field: field, "the archive's column is not valid JSON")
        }
    }

    /// A JSON column's text, keys sorted.
    private static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
