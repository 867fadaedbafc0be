/// Why an objective is not valid: the field at fault and what is wrong with it.
///
/// `description` reads `field: message`, e.g. `min: 10 is greater than max 5`; ``field`` is empty for the whole
/// body (not a JSON object).
package struct ObjectiveError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of mistake, from a bounded set (safe to use as a metric label).
    package struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable {
            case invalidName = "invalid_name"
            case invalidSelector = "invalid_selector"
            case invalidBounds = "invalid_bounds"
            case invalidWindow = "invalid_window"
            case invalidTransform = "invalid_transform"
            case invalidDescription = "invalid_description"
            case invalidBudget = "invalid_budget"
            case invalidIndicator = "invalid_indicator"
            case unknownField = "unknown_field"
            case wrongType = "wrong_type"
            case missingField = "missing_field"
            case invalidBody = "invalid_body"
        }

        private let value: Value

        private init(_ value: Value) {
            self.value = value
        }

        /// A name that is empty, too long, or holds a character outside `[a-zA-Z0-9_-]`.
        package static let invalidName = Code(.invalidName)
        /// A selector that does not parse.
        package static let invalidSelector = Code(.invalidSelector)
        /// No bound, a bound that is not finite, or `min` greater than `max`.
        package static let invalidBounds = Code(.invalidBounds)
        /// A window that is not a positive Prometheus duration, repeated, or longer than what is kept in memory.
        package static let invalidWindow = Code(.invalidWindow)
        /// A transform other than `rate`.
        package static let invalidTransform = Code(.invalidTransform)
        /// A description that is too long.
        package static let invalidDescription = Code(.invalidDescription)
        /// A target outside (0, 1) or a period that is not positive.
        package static let invalidBudget = Code(.invalidBudget)
        /// A ratio indicator that does not fit the objective (bounds or a transform beside it, a reserved `by` label).
        package static let invalidIndicator = Code(.invalidIndicator)
        /// A field an objective does not have.
        package static let unknownField = Code(.unknownField)
        /// A value of the wrong JSON type.
        package static let wrongType = Code(.wrongType)
        /// A required field that is absent.
        package static let missingField = Code(.missingField)
        /// A body that is not a JSON object.
        package static let invalidBody = Code(.invalidBody)

        /// The snake_case name of the code.
        package var description: String { value.rawValue }
    }

    /// The kind of mistake.
    package let code: Code
    /// The field at fault (`min`, `selector`, `windows`), empty for the whole body.
    package let field: String
    /// What is wrong, without the field.
    package let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: the kind of mistake.
    ///   - field: the field at fault.
    ///   - message: what is wrong.
    package init(_ code: Code, field: String, _ message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    /// `field: message`, or the message alone for the whole body.
    package var description: String { field.isEmpty ? message : "\(field): \(message)" }

    /// A bounded description for metric labels: the code's name.
    package var shortDescription: String { code.description }
}
