/// One series of a remote-write request: its labels (`__name__` among them), its samples and its family's metadata.
public struct RemoteWriteSeries: Sendable, Hashable {
    /// A family's type, help and unit, as remote write carries them.
    public struct Metadata: Sendable, Hashable {
        /// The family's type; `untyped` is remote write's unknown type.
        public var kind: MetricFamily.Kind
        /// The HELP text.
        public var help: String
        /// The unit, empty when none.
        public var unit: String

        /// Creates metadata.
        /// - Parameters:
        ///   - kind: the type.
        ///   - help: the HELP text.
        ///   - unit: the unit, empty when none.
        public init(kind: MetricFamily.Kind, help: String, unit: String) {
            self.kind = kind
            self.help = help
            self.unit = unit
        }
    }

    /// The labels, sorted by name, `__name__` included.
    public var labels: [Label]
    /// The samples, oldest first.
    public var samples: [Sample]
    /// The family's metadata.
    public var metadata: Metadata

    /// Creates a series.
    /// - Parameters:
    ///   - labels: the labels, sorted by name.
    ///   - samples: the samples, oldest first.
    ///   - metadata: the family's metadata.
    public init(labels: [Label], samples: [Sample], metadata: Metadata) {
        self.labels = labels
        self.samples = samples
        self.metadata = metadata
    }

    /// The `__name__` label's value, empty without one.
    public var metricName: String { labels.first { $0.name == "__name__" }?.value ?? "" }
}
