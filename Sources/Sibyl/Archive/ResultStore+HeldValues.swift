import GRDB

/// The rows of `held_samples` (``ArchiveSchema/storeHeldValues(_:)``): a value holds from its row's cycle up to the
/// series' next row, a NULL row ends it, and a cycle that shows a value has its row among the cycles of the
/// ``ResultStore/seriesRefresh`` before it. Cycles are in the order they were written, their ids' order.
///
/// Only live cycles take part: a backfilled cycle (``ArchiveSchema/storeBackfill(_:)``), written after the live
/// ones with an older time, has no held rows, holds no value, and never passes one on.
extension ResultStore {
    /// A held value as its latest row gives it.
    struct HeldRow {
        /// The value, stored as in `point_samples`.
        var value: DatabaseValue
        /// The evaluation time of the row's cycle.
        var written: Int64
    }

    /// The values the series hold at the live cycle `id`, from the rows of that cycle and of the live cycles of the
    /// ``seriesRefresh`` before it.
    /// - Parameters:
    ///   - id: the cycle's id (a live one: a backfilled cycle holds nothing).
    ///   - time: its evaluation time.
    /// - Returns: per series id, its value and the time its row was written; a series without a value is absent.
    static func heldRows(at id: Int64, time: Int64, _ db: Database) throws -> [Int64: HeldRow] {
        let rows = try db.cachedStatement(sql: "SELECT series_id, value FROM held_samples WHERE evaluation_id = ?")
        var held: [Int64: HeldRow] = [:]
        for cycle in try Row.fetchAll(
            db, sql: "SELECT id, time_ms FROM evaluations WHERE time_ms >= ? AND id <= ? AND \(Self.live) ORDER BY id",
            arguments: [Self.refreshStart(before: time), id])
        {
            let written: Int64 = cycle[1]
            let cursor = try Row.fetchCursor(rows, arguments: [cycle[0] as Int64])
            while let row = try cursor.next() {
                let value: DatabaseValue = row[1]
                held[row[0] as Int64] = value.isNull ? nil : HeldRow(value: value, written: written)
            }
        }
        return held
    }

    /// The writer's state: what the newest live cycle holds.
    static func heldValues(_ db: Database) throws -> HeldValues {
        guard
            let newest = try Row.fetchOne(
                db, sql: "SELECT id, time_ms FROM evaluations WHERE \(Self.live) ORDER BY id DESC LIMIT 1")
        else { return HeldValues() }
        var held = HeldValues()
        for (id, row) in try heldRows(at: newest[0], time: newest[1], db) {
            // A value that cannot be read back is written again by the next cycle. (Written without `map`: Swift
            // 6.3.1's optimiser crashed on the closure form in release builds.)
            guard let number = value(row.value) else { continue }
            held.values[id] = HeldValues.Value(bits: number.bitPattern, written: row.written)
        }
        return held
    }

    /// The values the series `ids` hold just before `time`, from the rows of the live cycles of the
    /// ``seriesRefresh`` before it, newest (highest id) first. Only cycles earlier in time count, so that the value
    /// held before a backfilled cycle never comes from a live cycle that followed it.
    /// - Returns: per series id, its stored value; a series without a value is absent.
    static func held(_ ids: [Int64], before time: Int64, _ db: Database) throws -> [Int64: DatabaseValue] {
        guard !ids.isEmpty else { return [:] }
        let earlier = try Int64.fetchAll(
            db, sql: "SELECT id FROM evaluations WHERE time_ms >= ? AND time_ms < ? AND \(Self.live) ORDER BY id DESC",
            arguments: [Self.refreshStart(before: time), time])
        let statements = try inListStatements(
            "SELECT series_id, value FROM held_samples WHERE evaluation_id = ? AND series_id IN", ids.sorted(), db)
        var unresolved = Set(ids)
        var held: [Int64: DatabaseValue] = [:]
        for cycle in earlier where !unresolved.isEmpty {
            for statement in statements {
                let rows = try Row.fetchCursor(statement, arguments: [cycle])
                while let row = try rows.next() {
                    let series: Int64 = row[0]
                    guard unresolved.remove(series) != nil else { continue }
                    let value: DatabaseValue = row[1]
                    if !value.isNull { held[series] = value }
                }
            }
        }
        return held
    }

    /// Before the cycles `ids` (the oldest) are deleted, writes each value the rows of the live ones among them leave
    /// holding onto the oldest live cycle kept, unless that cycle has a row of the series itself: the value still
    /// holds there. Backfilled cycles among `ids` have no rows, and none is carried onto one.
    static func carryHeldValues(from ids: [Int64], _ db: Database) throws {
        let status = try db.cachedStatement(sql: "SELECT \(Self.live) FROM evaluations WHERE id = ?")
        let live = try ids.filter { try Bool.fetchOne(status, arguments: [$0]) ?? false }
        guard let last = live.max(),
            let kept = try Int64.fetchOne(
                db, sql: "SELECT min(id) FROM evaluations WHERE id > ? AND \(Self.live)", arguments: [last])
        else { return }
        let rows = try db.cachedStatement(sql: "SELECT series_id, value FROM held_samples WHERE evaluation_id = ?")
        var held: [Int64: DatabaseValue] = [:]
        for id in live.sorted() {
            let cursor = try Row.fetchCursor(rows, arguments: [id])
            while let row = try cursor.next() {
                let value: DatabaseValue = row[1]
                held[row[0] as Int64] = value.isNull ? nil : value
            }
        }
        let insert = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO held_samples (evaluation_id, series_id, value) VALUES (?, ?, ?)")
        for (series, value) in held.sorted(by: { $0.key < $1.key }) {
            try insert.execute(arguments: [kept, series, value])
        }
    }

    /// The SQL condition on `evaluations` that holds for a live cycle, `false` for a backfilled one.
    static let live = "status <> '\(ArchiveSchema.backfillStatus)'"

    /// The earliest evaluation time whose rows can hold a value at `time`.
    static func refreshStart(before time: Int64) -> Int64 {
        max(time, .min + seriesRefresh) - seriesRefresh
    }
}
