/// How much history the archive keeps: cycles younger than a duration and, optionally, no more than a size.
public struct ArchiveRetention: Sendable, Hashable {
    /// Cycles with an evaluation time before T − `age` are deleted, T being the newest cycle's time.
    public var age: PrometheusDuration
    /// When set, the oldest cycles are deleted while the database's pages in use exceed this many bytes; the
    /// newest cycle is always kept.
    public var maxSize: ByteSize?

    /// Creates a retention policy.
    /// - Parameters:
    ///   - age: how long cycles are kept.
    ///   - maxSize: the size cap, if any.
    public init(age: PrometheusDuration, maxSize: ByteSize? = nil) {
        self.age = age
        self.maxSize = maxSize
    }

    /// The policy of an `archive` section.
    /// - Parameter configuration: the section.
    public init(_ configuration: ArchiveConfiguration) {
        self.init(age: configuration.retention, maxSize: configuration.maxSize)
    }

    /// What a retention pass deleted.
    public struct Outcome: Sendable, Hashable {
        /// Cycles deleted, with their values.
        public var evaluations = 0
        /// Series deleted because no remaining cycle refers to them.
        public var series = 0

        /// Creates an outcome.
        /// - Parameters:
        ///   - evaluations: cycles deleted.
        ///   - series: series deleted.
        public init(evaluations: Int = 0, series: Int = 0) {
            self.evaluations = evaluations
            self.series = series
        }
    }
}
