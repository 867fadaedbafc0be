import GRDB

extension ResultStore {
    /// The evaluation times of the cycles after `time`, oldest first.
    /// - Parameters:
    ///   - time: the exclusive lower bound, in Unix milliseconds.
    ///   - limit: the most times returned.
    /// - Throws: ``ArchiveError`` when the table cannot be read.
    package func cycleTimes(after time: Int64, limit: Int) throws(ArchiveError) -> [Int64] {
        do {
            return try writer.read { db in
                try Int64.fetchAll(
                    db, sql: "SELECT time_ms FROM evaluations WHERE time_ms > ? ORDER BY time_ms LIMIT ?",
                    arguments: [time, limit])
            }
        } catch {
            throw Self.error(error, path: path, "cannot list the cycles after \(time)")
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

    /// How many cycles are newer than `time`.
    /// - Throws: ``ArchiveError`` when the table cannot be read.
    package func cycleCount(after time: Int64) throws(ArchiveError) -> Int {
        do {
            return try writer.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM evaluations WHERE time_ms > ?", arguments: [time]) ?? 0
            }
        } catch {
            throw Self.error(error, path: path, "cannot count the cycles after \(time)")
        }
    }

    /// How many samples the cycles in (`after`, `before`) hold.
    /// - Throws: ``ArchiveError`` when the tables cannot be read.
    package func sampleCount(after: Int64, before: Int64) throws(ArchiveError) -> Int {
        do {
            return try writer.read { db in
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM samples v JOIN evaluations e ON e.id = v.evaluation_id
                        WHERE e.time_ms > ? AND e.time_ms < ?
                        """,
                    arguments: [after, before]) ?? 0
            }
        } catch {
            throw Self.error(error, path: path, "cannot count the samples after \(after)")
        }
    }

    /// A remote-write endpoint's cursor: the newest cycle it is done with, `nil` before its first.
    /// - Parameter endpoint: the endpoint's name.
    /// - Throws: ``ArchiveError`` when the table cannot be read.
    package func remoteWriteCursor(_ endpoint: String) throws(ArchiveError) -> Int64? {
        do {
            return try writer.read { db in
                try Int64.fetchOne(
                    db, sql: "SELECT time_ms FROM remote_write_cursor WHERE endpoint = ?", arguments: [endpoint])
            }
        } catch {
            throw Self.error(error, path: path, "cannot read the remote-write cursor of \(endpoint)")
        }
    }

    /// Moves a remote-write endpoint's cursor to `time`.
    /// - Parameters:
    ///   - endpoint: the endpoint's name.
    ///   - time: the newest cycle the endpoint is done with.
    /// - Throws: ``ArchiveError`` when the row cannot be written.
    package func setRemoteWriteCursor(_ endpoint: String, to time: Int64) async throws(ArchiveError) {
        do {
            try await writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO remote_write_cursor (endpoint, time_ms) VALUES (?, ?)
                        ON CONFLICT (endpoint) DO UPDATE SET time_ms = excluded.time_ms
                        """,
                    arguments: [endpoint, time])
            }
        } catch {
            throw Self.error(error, path: path, "cannot move the remote-write cursor of \(endpoint)")
        }
    }
}
