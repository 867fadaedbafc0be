import GRDB

/// What remote write reads of the archive: the live cycles in time order after an endpoint's time cursor, and the
/// backfilled cycles (``ArchiveSchema/storeBackfill(_:)``), which are written behind that cursor, in the order they
/// were written after its backfill cursor.
extension ResultStore {
    /// The evaluation times of the live cycles after `time`, oldest first (backfilled cycles are listed by
    /// ``backfilledCycles(after:limit:)``).
    /// - Parameters:
    ///   - time: the exclusive lower bound, in Unix milliseconds.
    ///   - limit: the most times returned.
    /// - Throws: ``ArchiveError`` when the table cannot be read.
    package func cycleTimes(after time: Int64, limit: Int) throws(ArchiveError) -> [Int64] {
        do {
            return try writer.read { db in
                try Int64.fetchAll(
                    db,
                    sql: "SELECT time_ms FROM evaluations WHERE time_ms > ? AND \(Self.live) ORDER BY time_ms LIMIT ?",
                    arguments: [time, limit])
            }
        } catch {
            throw Self.error(error, path: path, "cannot list the cycles after \(time)")
        }
    }

    /// The backfilled cycles written after the one with id `id`, in the order they were written.
    /// - Parameters:
    ///   - id: the exclusive lower bound on the cycles' ids.
    ///   - limit: the most cycles returned.
    /// - Returns: each cycle's id and evaluation time.
    /// - Throws: ``ArchiveError`` when the table cannot be read.
    package func backfilledCycles(after id: Int64, limit: Int) throws(ArchiveError) -> [(id: Int64, time: Int64)] {
        do {
            return try writer.read { db in
                try Row.fetchAll(
                    db,
                    sql: "SELECT id, time_ms FROM evaluations WHERE id > ? AND NOT \(Self.live) ORDER BY id LIMIT ?",
                    arguments: [id, limit]
                ).map { ($0[0], $0[1]) }
            }
        } catch {
            throw Self.error(error, path: path, "cannot list the backfilled cycles after \(id)")
        }
    }

    /// The newest cycle's evaluation time, `nil` for an empty archive.
    /// - Throws: ``ArchiveError`` when the table cannot be read.
    package func newestCycleTime() throws(ArchiveError) -> Int64? {
        do {
            return try writer.read { db in try Int64.fetchOne(db, sql: "SELECT max(time_ms) FROM evaluations") }
        } catch {
            throw Self.error(error, path: path, "cannot read the newest cycle")
        }
    }

    /// How many cycles an endpoint has still to send: the live ones newer than `time` and the backfilled ones
    /// written after the one with id `backfilled`.
    /// - Throws: ``ArchiveError`` when the table cannot be read.
    package func cycleCount(after time: Int64, backfilledAfter backfilled: Int64) throws(ArchiveError) -> Int {
        do {
            return try writer.read { db in
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT (SELECT count(*) FROM evaluations WHERE time_ms > ? AND \(Self.live))
                             + (SELECT count(*) FROM evaluations WHERE id > ? AND NOT \(Self.live))
                        """,
                    arguments: [time, backfilled]) ?? 0
            }
        } catch {
            throw Self.error(error, path: path, "cannot count the cycles after \(time)")
        }
    }

    /// How many samples the live cycles in (`after`, `before`) hold.
    /// - Throws: ``ArchiveError`` when the tables cannot be read.
    package func sampleCount(after: Int64, before: Int64) throws(ArchiveError) -> Int {
        do {
            return try writer.read { db in
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM samples v JOIN evaluations e ON e.id = v.evaluation_id
                        WHERE e.time_ms > ? AND e.time_ms < ? AND e.\(Self.live)
                        """,
                    arguments: [after, before]) ?? 0
            }
        } catch {
            throw Self.error(error, path: path, "cannot count the samples after \(after)")
        }
    }

    /// One of a remote-write endpoint's two cursors.
    package enum RemoteWriteCursor: Sendable {
        /// The evaluation time of the newest live cycle the endpoint is done with (`remote_write_cursor`).
        case live
        /// The id of the newest backfilled cycle the endpoint is done with (`remote_write_backfill_cursor`).
        case backfill

        /// The cursor's table and column.
        fileprivate var place: (table: String, column: String) {
            switch self {
            case .live: ("remote_write_cursor", "time_ms")
            case .backfill: ("remote_write_backfill_cursor", "evaluation_id")
            }
        }
    }

    /// A remote-write endpoint's cursor: the newest cycle it is done with, `nil` before its first.
    /// - Parameters:
    ///   - endpoint: the endpoint's name.
    ///   - cursor: which cursor: the live cycles' time (the default) or the backfilled cycles' id.
    /// - Throws: ``ArchiveError`` when the table cannot be read.
    package func remoteWriteCursor(
        _ endpoint: String, _ cursor: RemoteWriteCursor = .live
    ) throws(ArchiveError)
        -> Int64?
    {
        let (table, column) = cursor.place
        do {
            return try writer.read { db in
                try Int64.fetchOne(db, sql: "SELECT \(column) FROM \(table) WHERE endpoint = ?", arguments: [endpoint])
            }
        } catch {
            throw Self.error(error, path: path, "cannot read the remote-write cursor of \(endpoint)")
        }
    }

    /// Moves a remote-write endpoint's cursor.
    /// - Parameters:
    ///   - endpoint: the endpoint's name.
    ///   - cursor: which cursor: the live cycles' time (the default) or the backfilled cycles' id.
    ///   - position: the newest cycle the endpoint is done with: its time, or for the backfill cursor its id.
    /// - Throws: ``ArchiveError`` when the row cannot be written.
    package func setRemoteWriteCursor(
        _ endpoint: String, _ cursor: RemoteWriteCursor = .live, to position: Int64
    ) async throws(ArchiveError) {
        let (table, column) = cursor.place
        do {
            try await writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO \(table) (endpoint, \(column)) VALUES (?, ?)
                        ON CONFLICT (endpoint) DO UPDATE SET \(column) = excluded.\(column)
                        """,
                    arguments: [endpoint, position])
            }
        } catch {
            throw Self.error(error, path: path, "cannot move the remote-write cursor of \(endpoint)")
        }
    }
}
