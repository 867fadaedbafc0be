import Foundation
import GRDB

extension ResultStore {
    /// One page of the answer to a query (``ResultQuery`` gives the semantics), read in one read transaction.
    ///
    /// Order: series by their row id (the order they were first archived); a series' values by time; cycles by time.
    /// The page holds at most `query.limit` rows (values for results), and `next` is set exactly when more rows
    /// follow. Memory is bounded by the page: the series rows are streamed through the filter, and each selected
    /// series' values are read by one indexed query that stops at the page's end.
    /// - Parameters:
    ///   - query: the query; its `cursor` says where the previous page stopped.
    ///   - deadline: when to stop reading series rows.
    /// - Returns: the rows and the token of the next page, if any.
    /// - Throws: ``ArchiveError`` when the file cannot be read or holds a row this version cannot read, or with code
    ///   `timed_out` past the deadline.
    package func answer(_ query: ResultQuery, deadline: RequestDeadline = .none) async throws(ArchiveError) -> QueryPage
    {
        do {
            return try await writer.read { [holdsValues] db in
                try Self.answer(query, deadline, holdsValues: holdsValues, db)
            }
        } catch let error as ArchiveError {
            throw ArchiveError(error.code, path: path, error.message)
        } catch {
            throw Self.error(error, path: path, "cannot read the archive")
        }
    }

    private static func answer(
        _ query: ResultQuery, _ deadline: RequestDeadline, holdsValues: Bool, _ db: Database
    ) throws -> QueryPage {
        let limit = min(max(query.limit, 1), ResultQuery.maximumLimit)
        switch query.endpoint {
        case .series:
            let newestID = try query.cursor?.newestID ?? Int64.fetchOne(db, sql: "SELECT max(id) FROM series") ?? 0
            return try series(query, limit: limit, newestID: newestID, deadline, db)
        case .results:
            let newestID = try query.cursor?.newestID ?? Int64.fetchOne(db, sql: "SELECT max(id) FROM evaluations") ?? 0
            return try results(query, limit: limit, newestID: newestID, holdsValues: holdsValues, deadline, db)
        case .evaluations:
            let newestID = try query.cursor?.newestID ?? Int64.fetchOne(db, sql: "SELECT max(id) FROM evaluations") ?? 0
            return try evaluations(query, limit: limit, newestID: newestID, db)
        }
    }

    /// A selected series' row: its id, where its values are (``ValueSource``), and its labels with the name.
    private struct SelectedSeries {
        var id: Int64
        var source: ValueSource
        var labels: [String: String]
    }

    /// Where a series' values are stored since `v3-window-rows`: `point_samples`, or a column of `window_samples`.
    private enum ValueSource {
        case point
        case window(group: Int64, slot: Int)
    }

    /// The selected rows of `series` with ids in `first...newestID`, streamed in id order to `body` until it returns
    /// `false` or the deadline passes.
    private static func selectedSeries(
        _ query: ResultQuery, from first: Int64, through newestID: Int64, _ deadline: RequestDeadline, _ db: Database,
        _ body: (SelectedSeries) throws -> Bool
    ) throws {
        var filter = ArchivedSeriesFilter(query.selectors, kind: query.kind)
        let (condition, arguments) = filter.sql
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT id, metric, labels, group_id, slot FROM series
                WHERE id >= ? AND id <= ? AND \(condition) ORDER BY id
                """,
            arguments: [first, newestID] + arguments)
        let decoder = JSONDecoder()
        while let row = try rows.next() {
            try deadline.check(path: "")
            let id: Int64 = row[0]
            let name: String = row[1]
            let text: String = row[2]
            guard var labels = try? decoder.decode([String: String].self, from: Data(text.utf8)) else {
                throw ArchiveError(.corrupt, path: "", "series \(id) has labels that are not a JSON object: \(text)")
            }
            guard filter.matches(metric: name, labels: labels) else { continue }
            labels["__name__"] = name
            let group: Int64? = row[3]
            let slot: Int? = row[4]
            var source = ValueSource.point
            if let group, let slot, ArchiveSchema.windowFamilies.indices.contains(slot) {
                source = .window(group: group, slot: slot)
            }
            guard try body(SelectedSeries(id: id, source: source, labels: labels)) else { return }
        }
    }

    /// The statement reading one series' values in a range, oldest first: arguments series id or group id, from,
    /// to, newestID, limit (and for the count slot, the series id, from, to, newestID again).
    private static func valuesStatement(_ source: ValueSource, _ db: Database) throws -> Statement {
        let range = "e.time_ms >= ? AND e.time_ms <= ? AND e.id <= ?"
        switch source {
        case .point:
            return try db.cachedStatement(
                sql: """
                    SELECT e.time_ms, p.value FROM evaluations e
                    JOIN point_samples p ON p.evaluation_id = e.id AND p.series_id = ?
                    WHERE \(range) ORDER BY e.time_ms LIMIT ?
                    """)
        case .window(_, let slot) where slot == ArchiveSchema.windowFamilies.count - 1:
            // A count is an INTEGER when whole, a REAL otherwise, and a NaN count is in point_samples.
            return try db.cachedStatement(
                sql: """
                    SELECT time_ms, value FROM (
                      SELECT e.time_ms, CASE WHEN typeof(w.samples) = 'integer' THEN CAST(w.samples AS REAL)
                                             ELSE w.samples END AS value
                      FROM evaluations e JOIN window_samples w ON w.evaluation_id = e.id AND w.group_id = ?
                      WHERE \(range) AND w.samples IS NOT NULL
                      UNION ALL
                      SELECT e.time_ms, p.value FROM evaluations e
                      JOIN point_samples p ON p.evaluation_id = e.id AND p.series_id = ?
                      WHERE \(range)
                    ) ORDER BY time_ms LIMIT ?
                    """)
        case .window(_, let slot):
            let column = ["min", "max", "avg", "stddev"][slot]
            return try db.cachedStatement(
                sql: """
                    SELECT e.time_ms, w.\(column) FROM evaluations e
                    JOIN window_samples w ON w.evaluation_id = e.id AND w.group_id = ?
                    WHERE \(range) AND w.\(column) IS NOT NULL ORDER BY e.time_ms LIMIT ?
                    """)
        }
    }

    /// At most `limit` values of a series in `from...to` (cycles up to `newestID`), oldest first: time and stored
    /// value.
    private static func values(
        _ series: SelectedSeries, from: Int64, to: Int64, newestID: Int64, limit: Int, holdsValues: Bool,
        _ db: Database
    ) throws -> [(time: Int64, value: DatabaseValue)] {
        let statement = try valuesStatement(series.source, db)
        let rows: [Row]
        switch series.source {
        case .point where holdsValues:
            return try heldSeriesValues(series.id, from: from, to: to, newestID: newestID, limit: limit, db)
        case .point:
            rows = try Row.fetchAll(statement, arguments: [series.id, from, to, newestID, limit])
        case .window(let group, let slot) where slot == ArchiveSchema.windowFamilies.count - 1:
            rows = try Row.fetchAll(
                statement, arguments: [group, from, to, newestID, series.id, from, to, newestID, limit])
        case .window(let group, _):
            rows = try Row.fetchAll(statement, arguments: [group, from, to, newestID, limit])
        }
        return rows.map { ($0[0], $0[1]) }
    }

    /// At most `limit` values of a series that is not a window statistic, oldest first: at each cycle its
    /// `point_samples` row (written for that cycle alone), else, at a live cycle, the value its `held_samples` rows
    /// hold (``ArchiveSchema/storeHeldValues(_:)``), starting from the value held before `from`; a backfilled cycle
    /// holds nothing (``ArchiveSchema/storeBackfill(_:)``).
    private static func heldSeriesValues(
        _ id: Int64, from: Int64, to: Int64, newestID: Int64, limit: Int, _ db: Database
    ) throws -> [(time: Int64, value: DatabaseValue)] {
        let point = try db.cachedStatement(
            sql: "SELECT value FROM point_samples WHERE evaluation_id = ? AND series_id = ?")
        let heldRow = try db.cachedStatement(
            sql: "SELECT value FROM held_samples WHERE evaluation_id = ? AND series_id = ?")
        let cycles = try Row.fetchCursor(
            db,
            sql: """
                SELECT id, time_ms, \(Self.live) FROM evaluations
                WHERE time_ms >= ? AND time_ms <= ? AND id <= ? ORDER BY time_ms
                """,
            arguments: [from, to, newestID])
        var values: [(time: Int64, value: DatabaseValue)] = []
        var held: DatabaseValue?
        var first = true
        while values.count < limit, let cycle = try cycles.next() {
            let evaluation: Int64 = cycle[0]
            let time: Int64 = cycle[1]
            if first {
                held = try Self.held([id], before: time, db)[id]
                first = false
            }
            if let row = try Row.fetchOne(heldRow, arguments: [evaluation, id]) {
                let value: DatabaseValue = row[0]
                held = value.isNull ? nil : value
            }
            let live: Bool = cycle[2]
            if let value = try Row.fetchOne(point, arguments: [evaluation, id]).map({ $0[0] as DatabaseValue })
                ?? (live ? held : nil)
            {
                values.append((time, value))
            }
        }
        return values
    }

    private static func series(
        _ query: ResultQuery, limit: Int, newestID: Int64, _ deadline: RequestDeadline, _ db: Database
    ) throws -> QueryPage {
        var list: [[String: String]] = []
        var next: QueryCursor?
        // The token is not signed: its last id may be anything, Int64.max included (then there is nothing after it).
        let (start, overflow) = (query.cursor?.series ?? 0).addingReportingOverflow(1)
        guard !overflow else { return QueryPage(answer: .series([]), next: nil) }
        var lastID: Int64 = 0
        try selectedSeries(query, from: start, through: newestID, deadline, db) { series in
            guard list.count < limit else {
                next = QueryCursor(
                    fingerprint: query.fingerprint, from: query.from, to: query.to, newestID: newestID, series: lastID,
                    time: 0)
                return false
            }
            list.append(series.labels)
            lastID = series.id
            return true
        }
        return QueryPage(answer: .series(list), next: next?.token)
    }

    private static func results(
        _ query: ResultQuery, limit: Int, newestID: Int64, holdsValues: Bool, _ deadline: RequestDeadline,
        _ db: Database
    ) throws -> QueryPage {
        var list: [ResultSeries] = []
        var count = 0
        var next: QueryCursor?
        var last: (series: Int64, time: Int64) = (0, 0)
        let cursor = query.cursor
        try selectedSeries(query, from: cursor?.series ?? 0, through: .max, deadline, db) { series in
            let id = series.id
            var from = query.from
            if let cursor, id == cursor.series {
                guard cursor.time < query.to else { return true }
                from = max(from, cursor.time + 1)
            }
            let wanted = limit - count
            let rows = try values(
                series, from: from, to: query.to, newestID: newestID, limit: wanted + 1, holdsValues: holdsValues, db)
            if wanted == 0 {
                if !rows.isEmpty {
                    next = QueryCursor(
                        fingerprint: query.fingerprint, from: query.from, to: query.to, newestID: newestID,
                        series: last.series, time: last.time)
                }
                return rows.isEmpty
            }
            guard !rows.isEmpty else { return true }
            var samples: [ResultSample] = []
            samples.reserveCapacity(min(rows.count, wanted))
            for (time, stored) in rows.prefix(wanted) {
                guard let value = Self.value(stored) else {
                    throw ArchiveError(.corrupt, path: "", "series \(id) at \(time) has a value that is not a number")
                }
                samples.append(ResultSample(time: time, value: value))
            }
            list.append(ResultSeries(metric: series.labels, values: samples))
            count += samples.count
            last = (id, samples[samples.count - 1].time)
            if rows.count > wanted {
                next = QueryCursor(
                    fingerprint: query.fingerprint, from: query.from, to: query.to, newestID: newestID,
                    series: last.series, time: last.time)
                return false
            }
            return true
        }
        return QueryPage(answer: .results(list), next: next?.token)
    }

    private static func evaluations(
        _ query: ResultQuery, limit: Int, newestID: Int64, _ db: Database
    ) throws -> QueryPage {
        var from = query.from
        if let cursor = query.cursor {
            guard cursor.time < query.to else { return QueryPage(answer: .evaluations([]), next: nil) }
            from = max(from, cursor.time + 1)
        }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT time_ms, duration_seconds, status FROM evaluations
                WHERE time_ms >= ? AND time_ms <= ? AND id <= ? ORDER BY time_ms LIMIT ?
                """,
            arguments: [from, query.to, newestID, limit + 1])
        let list = rows.prefix(limit).map { row in
            ArchivedEvaluation(time: row[0], durationSeconds: row[1], status: row[2])
        }
        var next: QueryCursor?
        if rows.count > limit, let last = list.last {
            next = QueryCursor(
                fingerprint: query.fingerprint, from: query.from, to: query.to, newestID: newestID, series: 0,
                time: last.time)
        }
        return QueryPage(answer: .evaluations(list), next: next?.token)
    }
}
