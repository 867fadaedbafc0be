import GRDB

@testable import Sibyl

extension Archive {
    /// SQLite's own check of the whole file (`PRAGMA integrity_check`): `ok`, or its problems, one per line.
    func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }.joined(separator: "\n")
    }
}

extension ResultStore {
    /// The evaluation times of the archived cycles, oldest first, in Unix milliseconds.
    func evaluationTimes() throws -> [Int64] {
        try writer.read { db in try Int64.fetchAll(db, sql: "SELECT time_ms FROM evaluations ORDER BY time_ms") }
    }

    /// The times of the live cycles, oldest first: the backfilled ones (`backfill.range`) left out.
    func liveEvaluationTimes() throws -> [Int64] {
        try writer.read { db in
            try Int64.fetchAll(
                db, sql: "SELECT time_ms FROM evaluations WHERE status <> 'backfill' ORDER BY time_ms")
        }
    }
}
