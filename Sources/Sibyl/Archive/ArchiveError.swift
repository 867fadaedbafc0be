/// A failure of the SQLite archive: what was being done, on which file, and why.
///
/// `description` reads `archive sibyl.db: cannot open: unable to open database file`.
package struct ArchiveError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, from a bounded set (safe to use as a metric label).
    package struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable, CaseIterable {
            case cannotOpen = "cannot_open"
            case migrationFailed = "migration_failed"
            case queryFailed = "query_failed"
            case diskFull = "disk_full"
            case readOnly = "read_only"
            case busy = "busy"
            case ioError = "io_error"
            case corrupt = "corrupt"
            case constraint = "constraint"
            case timedOut = "timed_out"
        }

        private let value: Value

        private init(_ value: Value) {
            self.value = value
        }

        /// The file cannot be opened or created (missing folder, no permission, not a SQLite file).
        package static let cannotOpen = Code(.cannotOpen)
        /// The schema could not be brought up to date.
        package static let migrationFailed = Code(.migrationFailed)
        /// A read or a write failed for a reason not named by another code.
        package static let queryFailed = Code(.queryFailed)
        /// The disk or the file system is full (`SQLITE_FULL`).
        package static let diskFull = Code(.diskFull)
        /// The file or its folder became read-only (`SQLITE_READONLY`, `SQLITE_PERM`).
        package static let readOnly = Code(.readOnly)
        /// Another connection held the lock past the busy timeout (`SQLITE_BUSY`, `SQLITE_LOCKED`).
        package static let busy = Code(.busy)
        /// The operating system reported an I/O error (`SQLITE_IOERR`, `SQLITE_CANTOPEN`).
        package static let ioError = Code(.ioError)
        /// The file is damaged or not a database (`SQLITE_CORRUPT`, `SQLITE_NOTADB`).
        package static let corrupt = Code(.corrupt)
        /// A constraint or a trigger refused the write (`SQLITE_CONSTRAINT`).
        package static let constraint = Code(.constraint)
        /// A read ran past its request's deadline (``RequestDeadline``); the HTTP APIs answer 503.
        package static let timedOut = Code(.timedOut)

        /// Every code the archive writer can count, in declaration order: the label values
        /// `sibyl_archive_errors_total{reason}` starts at 0 (a deadline bounds reads only, never a write).
        package static let all = Value.allCases.filter { $0 != .timedOut }.map(Code.init)

        /// The snake_case name of the code.
        package var description: String { value.rawValue }
    }

    /// The kind of failure.
    package let code: Code
    /// The archive's path.
    package let path: String
    /// What went wrong.
    package let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: the kind of failure.
    ///   - path: the archive's path.
    ///   - message: what went wrong.
    package init(_ code: Code, path: String, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// `archive PATH: message`.
    package var description: String { "archive \(path): \(message)" }

    /// A bounded description for metric labels: the code's name.
    package var shortDescription: String { code.description }
}
