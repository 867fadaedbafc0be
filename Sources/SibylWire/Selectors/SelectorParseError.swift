/// An error from parsing a PromQL series selector: what was wrong and where (1-based line and column).
///
/// `description` reads `line:column: message`, for example
/// `1:12: expected "=", "!=", "=~" or "!~" after label name "job", found "}"`.
/// Columns count Unicode scalars from the start of the line.
public struct SelectorParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of error, from a bounded set (safe to use as a metric label).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable {
            case unexpectedCharacter = "unexpected_character"
            case unexpectedEnd = "unexpected_end"
            case invalidString = "invalid_string"
            case invalidRegex = "invalid_regex"
            case invalidMetricName = "invalid_metric_name"
            case invalidLabelName = "invalid_label_name"
            case duplicateMetricName = "duplicate_metric_name"
            case emptySelector = "empty_selector"
            case inputTooLong = "input_too_long"
        }

        private let value: Value

        private init(_ value: Value) {
            self.value = value
        }

        /// A character that the grammar does not allow at that place.
        public static let unexpectedCharacter = Code(.unexpectedCharacter)
        /// The input ended before the selector was complete.
        public static let unexpectedEnd = Code(.unexpectedEnd)
        /// An unterminated string, a bad escape sequence, or a string that is not valid UTF-8.
        public static let invalidString = Code(.invalidString)
        /// A regular expression that does not compile.
        public static let invalidRegex = Code(.invalidRegex)
        /// A metric name that PromQL reads as something else (`Inf`, `NaN`).
        public static let invalidMetricName = Code(.invalidMetricName)
        /// A quoted label name that is empty (`{""="x"}`).
        public static let invalidLabelName = Code(.invalidLabelName)
        /// The metric name given both before the braces and as a `__name__` matcher.
        public static let duplicateMetricName = Code(.duplicateMetricName)
        /// No matcher that fails on the empty string (`{}`, `{a=""}`, `{a=~".*"}`).
        public static let emptySelector = Code(.emptySelector)
        /// The input is longer than ``SelectorParser/maximumInputLength``.
        public static let inputTooLong = Code(.inputTooLong)

        /// The snake_case name of the code.
        public var description: String { value.rawValue }
    }

    /// The kind of error.
    public let code: Code
    /// The 1-based line of the offending character.
    public let line: Int
    /// The 1-based column (in Unicode scalars) of the offending character.
    public let column: Int
    /// What was expected or what is wrong, without the position.
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: the kind of error.
    ///   - line: the 1-based line.
    ///   - column: the 1-based column.
    ///   - message: what was expected or what is wrong.
    public init(_ code: Code, line: Int, column: Int, message: String) {
        self.code = code
        self.line = line
        self.column = column
        self.message = message
    }

    /// `line:column: message`.
    public var description: String { "\(line):\(column): \(message)" }

    /// A bounded description for metric labels: the code's name.
    public var shortDescription: String { code.description }
}
