import Foundation
import GRDB

extension ResultStore {
    /// Opens an archive file read-only, for reading its cycles without a running Sibyl (`sibyl query --archive`).
    ///
    /// Nothing is written: no migration runs and the file is not created. A running Sibyl may keep writing the
    /// file meanwhile (WAL mode lets readers and the writer work at once).
    /// - Parameter path: the SQLite file.
    /// - Returns: the store.
    /// - Throws: ``ArchiveError`` naming the path when the file is missing, unreadable, not a SQLite database, or a
    ///   database without Sibyl's archive tables.
    package static func openReadOnly(path: String) throws(ArchiveError) -> ResultStore {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ArchiveError(.cannotOpen, path: path, "no such file")
        }
        guard !isDirectory.boolValue else {
            throw ArchiveError(.cannotOpen, path: path, "is a directory, not an archive file")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "sibyl.archive.read-only"
        configuration.busyMode = .timeout(Archive.busyTimeout)
        let queue: DatabaseQueue
        let tables: Set<String>
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            tables = try queue.read { db in
                Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
            }
        } catch {
            throw ArchiveError(.cannotOpen, path: path, "not a Sibyl archive: \(Archive.reason(error))")
        }
        guard tables.isSuperset(of: ["evaluations", "series"]) else {
            throw ArchiveError(.cannotOpen, path: path, "not a Sibyl archive: no evaluations and series tables")
        }
        guard tables.isSuperset(of: ["point_samples", "window_samples"]) else {
            throw ArchiveError(
                .cannotOpen, path: path,
                "the archive was written by an older Sibyl: let this version's `sibyl run` open it once to upgrade it")
        }
        return ResultStore(writer: queue, path: path, holdsValues: tables.contains("held_samples"))
    }
}
