/// A query of the archive that cannot be answered as asked: which parameter is wrong, and why.
///
/// `description` reads as Prometheus' API words it: `invalid parameter "from": cannot parse "x" to a valid
/// timestamp …`. The HTTP API answers it with 400 `bad_data`; `sibyl query` prints it.
public struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of mistake, from a bounded set (safe to use as a metric label).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable {
            case missingParameter = "missing_parameter"
            case badSelector = "bad_selector"
            case badTime = "bad_time"
            case invertedRange = "inverted_range"
            case unknownKind = "unknown_kind"
            case badLimit = "bad_limit"
            case badToken = "bad_token"
            case badQueryString = "bad_query_string"
        }

        private let value: Value

        private init(_ value: Value) {
            self.value = value
        }

        /// A required parameter is absent.
        public static let missingParameter = Code(.missingParameter)
        /// A selector does not parse (the message has its line and column), or there are too many.
        public static let badSelector = Code(.badSelector)
        /// A time is neither Unix seconds nor RFC 3339.
        public static let badTime = Code(.badTime)
        /// `from` is after `to`.
        public static let invertedRange = Code(.invertedRange)
        /// `kind` is not one of ``ResultKind``.
        public static let unknownKind = Code(.unknownKind)
        /// `limit` is not a whole number in range.
        public static let badLimit = Code(.badLimit)
        /// `next` is not a token this query gave.
        public static let badToken = Code(.badToken)
        /// The query string itself is malformed (bad percent-encoding, too many parameters).
        public static let badQueryString = Code(.badQueryString)

        /// The snake_case name of the code.
        public var description: String { value.rawValue }
    }

    /// The kind of mistake.
    public let code: Code
    /// The parameter at fault.
    public let parameter: String
    /// What is wrong with it.
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: the kind of mistake.
    ///   - parameter: the parameter at fault.
    ///   - message: what is wrong.
    public init(_ code: Code, parameter: String, _ message: String) {
        self.code = code
        self.parameter = parameter
        self.message = message
    }

    /// `invalid parameter "name": message`.
    public var description: String { "invalid parameter \"\(parameter)\": \(message)" }
}
