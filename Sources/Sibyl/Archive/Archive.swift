import Foundation
import GRDB

/// The SQLite file (`archive.path`) holding the run-time objectives and the archived cycles.
///
/// Opened in WAL mode through a GRDB `DatabasePool` (readers never wait for the writer), with the schema brought up
/// to date by ``ArchiveSchema`` on open. One process should open a file once; ``objectives`` is its objective table
/// and ``results`` its cycles.
///
/// A new file gets `auto_vacuum = INCREMENTAL` before its first table, so that retention can give space back. A
/// file made before the archive (schema `v1-objectives`, which holds only the objectives) has `auto_vacuum = NONE`,
/// which only a `VACUUM` can change: opening it runs that `VACUUM` once, which is quick on such a small file.
package final class Archive: Sendable {
    /// The file's path as given.
    package let path: String
    /// The connection pool.
    let pool: DatabasePool

    /// How long a write waits for another process' lock before failing.
    static let busyTimeout: TimeInterval = 5

    /// Opens or creates the archive and applies any missing migration.
    /// - Parameter path: the file's path; its folder must exist.
    /// - Throws: ``ArchiveError`` naming the path: the folder is missing, the file cannot be created or written, it
    ///   is not a SQLite database, or a migration failed.
    package init(path: String) throws(ArchiveError) {
        self.path = path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ArchiveError(.cannotOpen, path: path, "is a directory, not a database file")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ArchiveError(.cannotOpen, path: path, "cannot create the database: no folder \(folder)")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw ArchiveError(.cannotOpen, path: path, "the folder \(folder) is not writable (the WAL files go there)")
        }
        if FileManager.default.fileExists(atPath: path), !FileManager.default.isWritableFile(atPath: path) {
            throw ArchiveError(.cannotOpen, path: path, "the file is not writable")
        }
        var configuration = Configuration()
        configuration.label = "sibyl.archive"
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.prepareDatabase { db in
            // Takes effect only on a file without tables, and must come before GRDB turns WAL mode on.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL") }
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw ArchiveError(.cannotOpen, path: path, "cannot open the database: \(Self.reason(error))")
        }
        do {
            try ArchiveSchema.migrator.migrate(pool)
        } catch {
            throw ArchiveError(.migrationFailed, path: path, "cannot update the schema: \(Self.reason(error))")
        }
        do {
            if try pool.read({ db in try Int.fetchOne(db, sql: "PRAGMA auto_vacuum") }) == 0 {
                try pool.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
                    try db.execute(sql: "VACUUM")
                }
            }
        } catch {
            throw ArchiveError(
                .migrationFailed, path: path, "cannot turn on incremental vacuum: \(Self.reason(error))")
        }
    }

    /// The run-time objectives stored in the archive.
    package var objectives: ObjectiveStore { ObjectiveStore(writer: pool, path: path) }

    /// The archived cycles.
    package var results: ResultStore { ResultStore(writer: pool, path: path) }

    /// Closes the file: checkpoints the WAL and releases the connections. Later calls fail.
    /// - Throws: ``ArchiveError`` when the file cannot be closed cleanly.
    package func close() throws(ArchiveError) {
        do {
            try pool.close()
        } catch {
            throw ArchiveError(.queryFailed, path: path, "cannot close the database: \(Self.reason(error))")
        }
    }

    /// SQLite's message for an error, without GRDB's SQL echo.
    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }
}
