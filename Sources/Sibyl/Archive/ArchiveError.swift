/// A failure of the SQLite archive: what was being done, on which file, and why.
///
/// `description` reads `archive sibyl.db: cannot open: unable to open database file`.
public struct ArchiveError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, from a bounded set (safe to use as a metric label).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable {
            case cannotOpen = "cannot_open"
            case migrationFailed = "migration_failed"
            case queryFailed = "query_failed"
        }

        private let value: Value

        private init(_ value: Value) {
            self.value = value
        }

        /// The file cannot be opened or created (missing folder, no permission, not a SQLite file).
        public static let cannotOpen = Code(.cannotOpen)
        /// The schema could not be brought up to date.
        public static let migrationFailed = Code(.migrationFailed)
        /// A read or a write failed.
        public static let queryFailed = Code(.queryFailed)

        /// The snake_case name of the code.
        public var description: String { value.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// The archive's path.
    public let path: String
    /// What went wrong.
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: the kind of failure.
    ///   - path: the archive's path.
    ///   - message: what went wrong.
    public init(_ code: Code, path: String, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// `archive PATH: message`.
    public var description: String { "archive \(path): \(message)" }

    /// A bounded description for metric labels: the code's name.
    public var shortDescription: String { code.description }
}
