/// A query of the archive that cannot be answered as asked: which parameter is wrong, and why.
///
/// `description` reads as Prometheus' API words it: `invalid parameter "from": cannot parse "x" to a valid
/// timestamp …`. The HTTP API answers it with 400 `bad_data`; `sibyl query` prints it.
package struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of mistake, from a bounded set (safe to use as a metric label).
    package struct Code: Sendable, Hashable, CustomStringConvertible {
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
        package static let missingParameter = Code(.missingParameter)
        /// A selector does not parse (the message has its line and column), or there are too many.
        package static let badSelector = Code(.badSelector)
        /// A time is neither Unix seconds nor RFC 3339.
        package static let badTime = Code(.badTime)
        /// `from` is after `to`.
        package static let invertedRange = Code(.invertedRange)
        /// `kind` is not one of ``ResultKind``.
        package static let unknownKind = Code(.unknownKind)
        /// `limit` is not a whole number in range.
        package static let badLimit = Code(.badLimit)
        /// `next` is not a token this query gave.
        package static let badToken = Code(.badToken)
        /// The query string itself is malformed (bad percent-encoding, too many parameters).
        package static let badQueryString = Code(.badQueryString)

        /// The snake_case name of the code.
        package var description: String { value.rawValue }
    }

    /// The kind of mistake.
    package let code: Code
    /// The parameter at fault.
    package let parameter: String
    /// What is wrong with it.
    package let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: the kind of mistake.
    ///   - parameter: the parameter at fault.
    ///   - message: what is wrong.
    package init(_ code: Code, parameter: String, _ message: String) {
        self.code = code
        self.parameter = parameter
        self.message = message
    }

    /// `invalid parameter "name": message`.
    package var description: String { "invalid parameter \"\(parameter)\": \(message)" }
}
