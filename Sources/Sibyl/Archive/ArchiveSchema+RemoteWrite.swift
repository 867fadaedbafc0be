import GRDB

extension ArchiveSchema {
    /// `v6-remote-write-cursors`: each remote-write endpoint's cursor, the evaluation time of the newest cycle the
    /// endpoint acknowledged (or that was given up on), so that a restart resumes after it.
    static func createRemoteWriteCursors(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE remote_write_cursor (
                    endpoint TEXT PRIMARY KEY NOT NULL,
                    time_ms INTEGER NOT NULL
                )
                """)
    }
}
