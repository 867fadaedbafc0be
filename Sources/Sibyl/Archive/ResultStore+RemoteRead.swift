import GRDB
package import SibylWire

/// The read path of remote read over the archive: which series a query selects, and their samples.
///
/// A series' label set is `__name__` (its `metric`) plus its archived labels; its samples are its archived values,
/// each at its cycle's `time_ms`, bit for bit (a NaN keeps its payload, so a stale marker stays one).
extension ResultStore {
    /// The archived series whose label set satisfies every matcher, sorted as Prometheus sorts series; none for no
    /// matchers at all (Prometheus' TSDB selects nothing then, protocols.md §1.2).
    ///
    /// An `=` matcher on `__name__` and the literal prefix of an `=~` matcher on `__name__` select rows through the
    /// `(metric, labels)` index; every matcher is then tested on the decoded label set (an absent label is ""), in
    /// time linear in the label values (RE2). The tests run on the database's reader thread, not on the cooperative
    /// pool that serves HTTP, and stop at the deadline.
    ///
    /// With `defaults`, a series' label set is its archived one plus each default label it lacks, and the matchers
    /// see that set (so `{job="sibyl"}` finds the series the default gives that job). Two series that the defaults
    /// make equal are answered once: the one that carried more of the defaults itself, then the one archived first.
    /// - Parameters:
    ///   - matchers: the matchers, all of which must match; their regular expressions are compiled here, once, on
    ///     the reader thread (one that does not compile matches as ``LabelMatcher/matches(_:)`` decides).
    ///   - defaults: the labels added where a series lacks them (`archive.remote_read.labels`).
    ///   - deadline: when to stop reading rows.
    /// - Returns: the series, sorted by label set.
    /// - Throws: ``ArchiveError`` when the table cannot be read or holds labels this version cannot read, or with
    ///   code `timed_out` past the deadline.
    package func series(
        matching matchers: [LabelMatcher], adding defaults: DefaultLabels = .none, deadline: RequestDeadline = .none
    ) async throws(ArchiveError) -> [ArchivedSeries] {
        guard !matchers.isEmpty else { return [] }
        var conditions: [String] = []
        var arguments: StatementArguments = []
        for matcher in matchers where matcher.name == "__name__" {
            switch matcher.kind {
            case .equal:
                conditions.append("metric = ?")
                arguments += [matcher.value]
            case .regexMatch:
                let prefix = Self.literalPrefix(ofRegex: matcher.value)
                if !prefix.isEmpty {
                    conditions.append("metric GLOB ?")
                    arguments += [prefix + "*"]
                }
            case .notEqual, .regexNoMatch:
                break
            }
        }
        let sql =
            "SELECT id, metric, labels FROM series"
            + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
        let found: Result<[ArchivedSeries], ArchiveError>
        do {
            found = try await reader.read { [arguments, path] db in
                let selector = SeriesSelector(matchers).compiled()
                var found: [(series: ArchivedSeries, carried: Int)] = []
                let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
                while let row = try rows.next() {
                    if let error = deadline.exceeded(path: path) { return .failure(error) }
                    let id: Int64 = row[0]
                    let metric: String = row[1]
                    let text: String = row[2]
                    guard let archived = ArchivedLabels.labels(text) else {
                        return .failure(
                            ArchiveError(.corrupt, path: path, "series \(id) has labels that cannot be read: \(text)"))
                    }
                    var labels = [Label("__name__", metric)]
                    labels.reserveCapacity(archived.labels.count + 1)
                    for label in archived.labels { labels.append(Label(label.name, label.value)) }
                    labels.sort()
                    let answered = defaults.applied(to: labels)
                    if selector.matches(answered) {
                        found.append((ArchivedSeries(id: id, labels: answered), defaults.carried(by: labels)))
                    }
                }
                return .success(Self.unique(found))
            }
        } catch {
            throw Self.error(error, path: path, "cannot read the series")
        }
        return try found.get()
    }

    /// The series sorted by label set, one per label set: of equal ones, the one that carried more of the default
    /// labels itself, then the lower id (archived first). Without default labels, label sets are already unique.
    private static func unique(_ found: [(series: ArchivedSeries, carried: Int)]) -> [ArchivedSeries] {
        let sorted = found.sorted { lhs, rhs in
            if lhs.series.labels != rhs.series.labels { return ArchivedSeries.precedes(lhs.series, rhs.series) }
            if lhs.carried != rhs.carried { return lhs.carried > rhs.carried }
            return lhs.series.id < rhs.series.id
        }
        var unique: [ArchivedSeries] = []
        unique.reserveCapacity(sorted.count)
        for (series, _) in sorted where unique.last?.labels != series.labels { unique.append(series) }
        return unique
    }

    /// How many archived cycles have a time in `range`.
    /// - Parameter range: Unix milliseconds, inclusive.
    /// - Returns: the count.
    /// - Throws: ``ArchiveError`` when the table cannot be read.
    package func evaluationCount(in range: ClosedRange<Int64>) async throws(ArchiveError) -> Int {
        do {
            return try await reader.read { db in
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM evaluations WHERE time_ms BETWEEN ? AND ?",
                    arguments: [range.lowerBound, range.upperBound]) ?? 0
            }
        } catch {
            throw Self.error(error, path: path, "cannot count the evaluations")
        }
    }

    /// The samples of `series` at the cycles whose time is in `range`, oldest first.
    ///
    /// Per cycle, one statement per table seeks the rows of the batch's window groups in `window_samples` and of its
    /// other series in `point_samples` and `held_samples` through their primary keys (`evaluation_id`, then an `IN`
    /// list of ids), so the cost follows the samples asked for, never the width of the archive; a series whose row
    /// proves it was last written before `range` (``seriesRefresh``) is not looked up at all. A held value counts
    /// at every live cycle from its row up to the series' next row, as `/metrics` showed it; the value held when
    /// `range` starts comes from the live cycles of the ``seriesRefresh`` before. A backfilled cycle gives only the
    /// values written for it (``ArchiveSchema/storeBackfill(_:)``).
    /// - Parameters:
    ///   - series: the series (from ``series(matching:)``).
    ///   - range: Unix milliseconds, inclusive.
    ///   - deadline: when to stop reading cycles.
    /// - Returns: per series, in the order given, its samples in time order (empty when it has none in range).
    /// - Throws: ``ArchiveError`` when the tables cannot be read or hold a value this version cannot read, or with
    ///   code `timed_out` past the deadline.
    package func samples(
        of series: [ArchivedSeries], in range: ClosedRange<Int64>, deadline: RequestDeadline = .none
    ) async throws(ArchiveError)
        -> [[Sample]]
    {
        guard !series.isEmpty else { return [] }
        let ids = series.map(\.id)
        let read: Result<[[Sample]], ArchiveError>
        do {
            read = try await reader.read { [path] db in
                let places = try Self.places(of: ids, from: range.lowerBound, db)
                // Positions by window group (with their slot) and by series id for point_samples; a count can be a
                // NaN spilled to point_samples, so the count series are in both.
                var byGroup: [Int64: [(position: Int, slot: Int)]] = [:]
                var byPoint: [Int64: [Int]] = [:]
                var byHeld: [Int64: [Int]] = [:]
                for (position, place) in places.enumerated() {
                    guard let place else { continue }
                    if let group = place.group {
                        byGroup[group, default: []].append((position, place.slot))
                        if place.slot != WindowRow.countSlot { continue }
                    } else if holdsValues {
                        byHeld[ids[position], default: []].append(position)
                    }
                    byPoint[ids[position], default: []].append(position)
                }
                let windowStatements = try Self.inListStatements(
                    "SELECT group_id, min, max, avg, stddev, samples FROM window_samples WHERE evaluation_id = ? "
                        + "AND group_id IN", byGroup.keys.sorted(), db)
                let pointStatements = try Self.inListStatements(
                    "SELECT series_id, value FROM point_samples WHERE evaluation_id = ? AND series_id IN",
                    byPoint.keys.sorted(), db)
                let heldStatements = try Self.inListStatements(
                    "SELECT series_id, value FROM held_samples WHERE evaluation_id = ? AND series_id IN",
                    byHeld.keys.sorted(), db)
                let cycles = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, time_ms, \(Self.live) FROM evaluations WHERE time_ms BETWEEN ? AND ?
                        ORDER BY time_ms
                        """,
                    arguments: [range.lowerBound, range.upperBound])
                // The values held at the current cycle, by position.
                var held: [Int: DatabaseValue] = [:]
                if let first = cycles.first {
                    for (series, value) in try Self.held(Array(byHeld.keys), before: first[1], db) {
                        for position in byHeld[series] ?? [] { held[position] = value }
                    }
                }
                var samples = [[Sample]](repeating: [], count: ids.count)
                /// Appends a stored value; the error for one that is not a number.
                func append(_ stored: DatabaseValue, at position: Int, _ time: Int64) -> ArchiveError? {
                    guard let value = Self.value(stored) else {
                        return ArchiveError(.corrupt, path: path, "series \(ids[position]) at \(time) has no number")
                    }
                    samples[position].append(Sample(timestamp: time, value: value))
                    return nil
                }
                for cycle in cycles {
                    if let error = deadline.exceeded(path: path) { return .failure(error) }
                    let evaluation: Int64 = cycle[0]
                    let time: Int64 = cycle[1]
                    for statement in windowStatements {
                        let rows = try Row.fetchCursor(statement, arguments: [evaluation])
                        while let row = try rows.next() {
                            for (position, slot) in byGroup[row[0] as Int64] ?? [] {
                                guard let stored = WindowRow.value(row[slot + 1], slot: slot) else { continue }
                                if let error = append(stored, at: position, time) { return .failure(error) }
                            }
                        }
                    }
                    for statement in pointStatements {
                        let rows = try Row.fetchCursor(statement, arguments: [evaluation])
                        while let row = try rows.next() {
                            for position in byPoint[row[0] as Int64] ?? []
                            where samples[position].last?.timestamp != time {
                                if let error = append(row[1], at: position, time) { return .failure(error) }
                            }
                        }
                    }
                    for statement in heldStatements {
                        let rows = try Row.fetchCursor(statement, arguments: [evaluation])
                        while let row = try rows.next() {
                            let value: DatabaseValue = row[1]
                            for position in byHeld[row[0] as Int64] ?? [] {
                                held[position] = value.isNull ? nil : value
                            }
                        }
                    }
                    guard cycle[2] as Bool else { continue }
                    for (position, value) in held where samples[position].last?.timestamp != time {
                        if let error = append(value, at: position, time) { return .failure(error) }
                    }
                }
                return .success(samples)
            }
        } catch {
            throw Self.error(error, path: path, "cannot read the samples")
        }
        return try read.get()
    }

    /// Where a series' values are stored.
    private struct Place {
        /// Its window group's id, for a window statistic.
        var group: Int64?
        /// Its column in the group's `window_samples` row.
        var slot: Int
    }

    /// The places of the series `ids`, `nil` for a series that has no value at or after `start`.
    private static func places(of ids: [Int64], from start: Int64, _ db: Database) throws -> [Place?] {
        let statement = try db.cachedStatement(sql: "SELECT group_id, slot, last_time_ms FROM series WHERE id = ?")
        // A series' row trails its newest cycle by at most seriesRefresh (the bound retention relies on too).
        let (earliest, overflow) = start.subtractingReportingOverflow(seriesRefresh)
        return try ids.map { id in
            guard let row = try Row.fetchOne(statement, arguments: [id]) else { return nil }
            let last: Int64 = row[2]
            if !overflow, last < earliest { return nil }
            // A slot outside the row's five columns (a damaged file) is looked for in point_samples only.
            guard let group = row[0] as Int64?, let slot = row[1] as Int?, WindowRow.slots.contains(slot) else {
                return Place(group: nil, slot: 0)
            }
            return Place(group: group, slot: slot)
        }
    }

    /// Statements `prefix (id, id, …)` over `ids`, 4,096 ids each. The ids are the archive's own integers, written
    /// into the SQL as literals: SQLite binds at most 32,766 parameters per statement.
    static func inListStatements(_ prefix: String, _ ids: [Int64], _ db: Database) throws -> [Statement] {
        try stride(from: 0, to: ids.count, by: 4096).map { start in
            prefix + " (" + ids[start..<min(ids.count, start + 4096)].map(String.init).joined(separator: ",") + ")"
        }.map { try db.makeStatement(sql: $0) }
    }

    /// The literal text every match of an anchored RE2 expression starts with, or "" when there is none that is
    /// simple to prove: the leading run of name characters (`[A-Za-z0-9_:]`), less its last character when a
    /// quantifier follows; "" for any expression with `|` (an alternative need not share the prefix).
    /// - Parameter regex: the expression, as written in a `=~` matcher.
    /// - Returns: the prefix.
    static func literalPrefix(ofRegex regex: String) -> String {
        guard !regex.contains("|") else { return "" }
        var prefix: [UInt8] = []
        var next: UInt8?
        for byte in regex.utf8 {
            if isNameByte(byte) {
                prefix.append(byte)
            } else {
                next = byte
                break
            }
        }
        if let next, [UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "+"), UInt8(ascii: "{")].contains(next) {
            _ = prefix.popLast()
        }
        return String(decoding: prefix, as: UTF8.self)
    }

    /// `[A-Za-z0-9_:]`, the bytes of metric names.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: ":"):
            true
        default:
            false
        }
    }
}
