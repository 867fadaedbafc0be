/// How much history the archive keeps: cycles younger than a duration and, optionally, no more than a size.
package struct ArchiveRetention: Sendable, Hashable {
    /// Cycles with an evaluation time before T − `age` are deleted, T being the newest cycle's time.
    package var age: PrometheusDuration
    /// When set, the oldest cycles are deleted while the database's pages in use exceed this many bytes; the
    /// newest cycle is always kept.
    package var maxSize: ByteSize?

    /// Creates a retention policy.
    /// - Parameters:
    ///   - age: how long cycles are kept.
    ///   - maxSize: the size cap, if any.
    package init(age: PrometheusDuration, maxSize: ByteSize? = nil) {
        self.age = age
        self.maxSize = maxSize
    }

    /// The policy of an `archive` section.
    /// - Parameter configuration: the section.
    package init(_ configuration: ArchiveConfiguration) {
        self.init(age: configuration.retention, maxSize: configuration.maxSize)
    }

    /// What a retention pass deleted.
    package struct Outcome: Sendable, Hashable {
        /// Cycles deleted, with their values.
        package var evaluations = 0
        /// Series deleted because no remaining cycle refers to them.
        package var series = 0

        /// Creates an outcome.
        /// - Parameters:
        ///   - evaluations: cycles deleted.
        ///   - series: series deleted.
        package init(evaluations: Int = 0, series: Int = 0) {
            self.evaluations = evaluations
            self.series = series
        }
    }
}
