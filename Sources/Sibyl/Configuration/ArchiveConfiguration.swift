/// Where Sibyl keeps its SQLite file and how much history it holds (the `archive` section): the run-time objectives
/// and every cycle's results.
package struct ArchiveConfiguration: Sendable, Hashable {
    /// The SQLite file's path (default `sibyl.db`, relative to the working directory); its folder must exist.
    package var path: String
    /// How long archived cycles are kept, counted back from the newest cycle's evaluation time (default 30d).
    package var retention: PrometheusDuration
    /// The largest the file may grow before the oldest cycles are deleted (default none: only `retention` bounds it).
    package var maxSize: ByteSize?
    /// The labels remote read over the archive adds to every series that lacks them (`remote_read.labels`, default
    /// none); the JSON API answers with the archived labels alone.
    package var remoteReadLabels: DefaultLabels

    /// The default retention, 30 days.
    package static let defaultRetention = PrometheusDuration(milliseconds: 30 * 86_400_000)

    /// Creates an archive configuration.
    /// - Parameters:
    ///   - path: the SQLite file's path.
    ///   - retention: how long cycles are kept.
    ///   - maxSize: the size cap, if any.
    ///   - remoteReadLabels: the labels remote read adds where a series lacks them.
    package init(
        path: String = "sibyl.db", retention: PrometheusDuration = defaultRetention, maxSize: ByteSize? = nil,
        remoteReadLabels: DefaultLabels = .none
    ) {
        self.path = path
        self.retention = retention
        self.maxSize = maxSize
        self.remoteReadLabels = remoteReadLabels
    }
}
