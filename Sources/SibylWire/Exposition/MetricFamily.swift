/// One metric family of an exposition: a name, a type, HELP text and its samples.
///
/// The `# HELP` and `# TYPE` lines are rendered once, when the family is created.
public struct MetricFamily: Sendable {
    /// The family's type (`# TYPE` line).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A monotonically increasing count; its name should end in `_total`.
        case counter
        /// A value that goes up and down.
        case gauge
        /// A value of unknown type.
        case untyped
    }

    /// One sample: a label set and a value, written without a timestamp.
    public struct Sample: Sendable {
        /// The series' labels.
        public var labels: RenderedLabels
        /// The value; NaN and ±Inf are allowed.
        public var value: Double

        /// Creates a sample.
        /// - Parameters:
        ///   - labels: the series' labels.
        public init(_ labels: RenderedLabels, _ value: Double) {
            self.labels = labels
            self.value = value
        }
    }

    /// The family's metric name.
    public let name: MetricName
    /// The family's type.
    public let kind: Kind
    /// The HELP text, unescaped; when empty, no `# HELP` line is written.
    public let help: String
    /// The unit (`seconds`, `bytes`), written as OpenMetrics' `# UNIT` when the name ends in `_<unit>`.
    public let unit: String?
    /// The samples, in any order (the writer sorts them by label set).
    public var samples: [Sample]
    /// The `# HELP` and `# TYPE` lines.
    let header: [UInt8]

    /// Creates a family.
    /// - Parameters:
    ///   - name: the metric name.
    ///   - kind: the type.
    ///   - help: the HELP text (any UTF-8; it is escaped when written).
    ///   - unit: the unit, if any.
    public init(name: MetricName, kind: Kind, help: String, unit: String? = nil, samples: [Sample] = []) {
        self.name = name
        self.kind = kind
        self.help = help
        self.unit = unit
        self.samples = samples
        var header: [UInt8] = []
        if !help.isEmpty {
            header.append(contentsOf: "# HELP ".utf8)
            header.append(contentsOf: name.rawValue.utf8)
            header.append(UInt8(ascii: " "))
            ExpositionWriter.appendEscapedHelp(help, to: &header)
            header.append(UInt8(ascii: "\n"))
        }
        header.append(contentsOf: "# TYPE ".utf8)
        header.append(contentsOf: name.rawValue.utf8)
        header.append(UInt8(ascii: " "))
        header.append(contentsOf: kind.rawValue.utf8)
        header.append(UInt8(ascii: "\n"))
        self.header = header
    }

    /// Creates a family, validating the name.
    /// - Parameters:
    ///   - name: the metric name, checked against `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    ///   - kind: the type.
    ///   - help: the HELP text.
    ///   - unit: the unit, if any.
    /// - Throws: ``ExpositionError`` (`.invalidMetricName`) naming the name.
    public init(
        name: String, kind: Kind, help: String, unit: String? = nil, samples: [Sample] = []
    ) throws(ExpositionError) {
        self.init(name: try MetricName(name), kind: kind, help: help, unit: unit, samples: samples)
    }

    /// Adds a sample.
    /// - Parameters:
    ///   - labels: the series' labels.
    public mutating func append(_ labels: RenderedLabels, _ value: Double) {
        samples.append(Sample(labels, value))
    }
}
