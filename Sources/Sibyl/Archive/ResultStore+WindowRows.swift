import GRDB
import SibylWire

extension ResultStore {
    /// One row of `window_samples` being filled: the values of one window group at one cycle, by slot.
    struct WindowRow {
        /// The stored values, by slot (``ArchiveSchema/windowFamilies``); `nil` where the family had no sample.
        var values = [DatabaseValue?](repeating: nil, count: ArchiveSchema.windowFamilies.count)
        /// Values that cannot go in the row (a count that is a NaN), with their series' ids.
        var spilled: [(series: Int64, value: Double)] = []

        /// The slot of a window-statistics family.
        /// - Parameter family: a metric name.
        /// - Returns: its column's index, or `nil` for any other family.
        static func slot(of family: String) -> Int? {
            ArchiveSchema.windowFamilies.firstIndex(of: family)
        }

        /// The valid slots, one per column of a row.
        static let slots = ArchiveSchema.windowFamilies.indices

        /// The slot of the count (`sibyl_window_samples`), stored as an INTEGER when it is a whole number.
        static let countSlot = ArchiveSchema.windowFamilies.count - 1

        /// A stored column back as the value `samples` shows: the count (slot ``countSlot``) as a REAL when it was
        /// stored as an INTEGER; every other slot as stored (a NaN as its bits, see ``ResultStore/value(_:)``).
        /// - Parameters:
        ///   - stored: the column's value.
        ///   - slot: its slot.
        /// - Returns: the value, `nil` for NULL (the family had no sample, or the value is in `point_samples`).
        static func value(_ stored: DatabaseValue, slot: Int) -> DatabaseValue? {
            if stored.isNull { return nil }
            if slot == countSlot, case .int64(let count) = stored.storage { return Double(count).databaseValue }
            return stored
        }

        /// Sets one value.
        /// - Parameters:
        ///   - slot: its slot.
        ///   - value: the value, stored bit-exact.
        ///   - series: its series' id, for a value that must go to `point_samples`.
        mutating func set(_ slot: Int, _ value: Double, series: Int64) {
            guard slot == Self.countSlot else {
                values[slot] = ResultStore.storedValue(value)
                return
            }
            if value.isNaN {
                spilled.append((series, value))
            } else if value == value.rounded(), abs(value) < 0x1p53, !(value == 0 && value.sign == .minus) {
                values[slot] = Int64(value).databaseValue
            } else {
                values[slot] = value.databaseValue
            }
        }
    }

    /// The id of the window group of a label set, inserting its row when it is new.
    static func windowGroup(
        _ labels: RenderedLabels, known: SeriesCache, added: inout SeriesCache, _ db: Database
    ) throws -> Int64 {
        if let id = added.groups[labels] ?? known.groups[labels] { return id }
        let text = ArchivedLabels.text(labels)
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO window_groups (labels) VALUES (?)").execute(arguments: [text]
        )
        let id: Int64
        if db.changesCount == 1 {
            id = db.lastInsertedRowID
        } else {
            guard
                let found = try Int64.fetchOne(
                    db.cachedStatement(sql: "SELECT id FROM window_groups WHERE labels = ?"), arguments: [text])
            else { throw DatabaseError(resultCode: .SQLITE_INTERNAL, message: "window group row vanished") }
            id = found
        }
        added.groups[labels] = id
        return id
    }

    /// Writes a cycle's window rows, and the values they cannot hold to `point_samples`.
    /// - Parameter replacing: whether a row already there is replaced (a live cycle) or kept (a backfilled cycle
    ///   joining a cycle already at its time).
    static func insertWindowRows(
        _ rows: [Int64: WindowRow], evaluation: Int64, replacing: Bool, _ db: Database
    ) throws {
        let conflict = replacing ? "OR REPLACE" : "OR IGNORE"
        let insertRow = try db.cachedStatement(
            sql: """
                INSERT \(conflict) INTO window_samples (evaluation_id, group_id, min, max, avg, stddev, samples)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        let insertSample = try db.cachedStatement(
            sql: "INSERT \(conflict) INTO point_samples (evaluation_id, series_id, value) VALUES (?, ?, ?)")
        for (group, row) in rows.sorted(by: { $0.key < $1.key }) {
            let values: [(any DatabaseValueConvertible)?] = [evaluation, group] + row.values
            try insertRow.execute(arguments: StatementArguments(values))
            for spilled in row.spilled {
                try insertSample.execute(arguments: [evaluation, spilled.series, storedValue(spilled.value)])
            }
        }
    }
}
