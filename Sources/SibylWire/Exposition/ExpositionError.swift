/// An error from building or writing a text exposition: an invalid or duplicate name, or a duplicate series.
public struct ExpositionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of error, from a bounded set (safe to use as a metric label).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable {
            case invalidMetricName = "invalid_metric_name"
            case invalidLabelName = "invalid_label_name"
            case reservedLabelName = "reserved_label_name"
            case duplicateLabelName = "duplicate_label_name"
            case duplicateFamily = "duplicate_family"
            case duplicateSeries = "duplicate_series"
        }

        private let value: Value

        private init(_ value: Value) {
            self.value = value
        }

        /// A metric name that does not match `[a-zA-Z_:][a-zA-Z0-9_:]*`.
        public static let invalidMetricName = Code(.invalidMetricName)
        /// A label name that does not match `[a-zA-Z_][a-zA-Z0-9_]*`.
        public static let invalidLabelName = Code(.invalidLabelName)
        /// A label name starting with `__`, which Prometheus reserves for itself.
        public static let reservedLabelName = Code(.reservedLabelName)
        /// The same label name twice in one label set.
        public static let duplicateLabelName = Code(.duplicateLabelName)
        /// Two families with the same name.
        public static let duplicateFamily = Code(.duplicateFamily)
        /// Two samples with the same label set in one family.
        public static let duplicateSeries = Code(.duplicateSeries)

        /// The snake_case name of the code.
        public var description: String { value.rawValue }
    }

    /// The kind of error.
    public let code: Code
    /// What is wrong, naming the offending name or series.
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: the kind of error.
    ///   - message: what is wrong.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// A bounded description for metric labels: the code's name.
    public var shortDescription: String { code.description }
}
