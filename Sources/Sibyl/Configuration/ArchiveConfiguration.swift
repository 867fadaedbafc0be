/// Where Sibyl keeps its SQLite file: the run-time objectives and, later, the archived results (the `archive` section).
public struct ArchiveConfiguration: Sendable, Hashable {
    /// The SQLite file's path (default `sibyl.db`, relative to the working directory); its folder must exist.
    public var path: String

    /// Creates an archive configuration.
    /// - Parameter path: the SQLite file's path.
    public init(path: String = "sibyl.db") {
        self.path = path
    }
}
