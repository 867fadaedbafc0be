import GRDB
public import SibylWire

/// The read path of remote read over the archive: which series a query selects, and their samples.
///
/// A series' label set is `__name__` (its `metric`) plus its archived labels; its samples are its archived values,
/// each at its cycle's `time_ms`, bit for bit (a NaN keeps its payload, so a stale marker stays one).
extension ResultStore {
    /// The archived series whose label set satisfies every matcher, sorted as Prometheus sorts series.
    ///
    /// An `=` matcher on `__name__` and the literal prefix of an `=~` matcher on `__name__` select rows through the
    /// `(metric, labels)` index; every matcher is then tested on the decoded label set (an absent label is "").
    /// - Parameter matchers: the matchers, all of which must match.
    /// - Returns: the series, sorted by label set.
    /// - Throws: ``ArchiveError`` when the table cannot be read or holds labels this version cannot read.
    public func series(matching matchers: [CompiledLabelMatcher]) async throws(ArchiveError) -> [ArchivedSeries] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        for compiled in matchers where compiled.matcher.name == "__name__" {
            let matcher = compiled.matcher
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
        let rows: [(Int64, String, String)]
        do {
            rows = try await reader.read { [arguments] db in
                try Row.fetchAll(db, sql: sql, arguments: arguments).map { ($0[0], $0[1], $0[2]) }
            }
        } catch {
            throw Self.error(error, path: path, "cannot read the series")
        }
        var found: [ArchivedSeries] = []
        for (id, metric, text) in rows {
            guard let archived = ArchivedLabels.labels(text) else {
                throw ArchiveError(.corrupt, path: path, "series \(id) has labels that cannot be read: \(text)")
            }
            var labels = [Label("__name__", metric)]
            labels.reserveCapacity(archived.labels.count + 1)
            for label in archived.labels { labels.append(Label(label.name, label.value)) }
            labels.sort()
            let byName = labels.dictionary
            if matchers.allSatisfy({ $0.matches(byName[$0.matcher.name] ?? "") }) {
                found.append(ArchivedSeries(id: id, labels: labels))
            }
        }
        return found.sorted(by: ArchivedSeries.precedes)
    }

    /// How many archived cycles have a time in `range`.
    /// - Parameter range: Unix milliseconds, inclusive.
    /// - Returns: the count.
    /// - Throws: ``ArchiveError`` when the table cannot be read.
    public func evaluationCount(in range: ClosedRange<Int64>) async throws(ArchiveError) -> Int {
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
    /// Reads each cycle's rows of `samples` between the smallest and the largest id of `series` (one range of the
    /// primary key per cycle), so the cost follows the cycles in range times the span of ids, never the archive.
    /// - Parameters:
    ///   - series: the series (from ``series(matching:)``).
    ///   - range: Unix milliseconds, inclusive.
    /// - Returns: per series, in the order given, its samples in time order (empty when it has none in range).
    /// - Throws: ``ArchiveError`` when the tables cannot be read or hold a value this version cannot read.
    public func samples(
        of series: [ArchivedSeries], in range: ClosedRange<Int64>
    ) async throws(ArchiveError)
        -> [[Sample]]
    {
        guard let low = series.map(\.id).min(), let high = series.map(\.id).max() else { return [] }
        var positions: [Int64: [Int]] = [:]
        for (position, one) in series.enumerated() { positions[one.id, default: []].append(position) }
        let read: Result<[[Sample]], ArchiveError>
        do {
            read = try await reader.read { [positions, path] db in
                var samples = [[Sample]](repeating: [], count: series.count)
                let cycles = try Row.fetchAll(
                    db, sql: "SELECT id, time_ms FROM evaluations WHERE time_ms BETWEEN ? AND ? ORDER BY time_ms",
                    arguments: [range.lowerBound, range.upperBound])
                let values = try db.cachedStatement(
                    sql: "SELECT series_id, value FROM samples WHERE evaluation_id = ? AND series_id BETWEEN ? AND ?")
                for cycle in cycles {
                    let time: Int64 = cycle[1]
                    let rows = try Row.fetchCursor(values, arguments: [cycle[0] as Int64, low, high])
                    while let row = try rows.next() {
                        guard let targets = positions[row[0]] else { continue }
                        guard let value = Self.value(row[1]) else {
                            return .failure(
                                ArchiveError(.corrupt, path: path, "series \(row[0] as Int64) at \(time) has no number")
                            )
                        }
                        for target in targets { samples[target].append(Sample(timestamp: time, value: value)) }
                    }
                }
                return .success(samples)
            }
        } catch {
            throw Self.error(error, path: path, "cannot read the samples")
        }
        return try read.get()
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
