/// Why the registry refused a change: the objective is the file's, unknown, invalid, or the archive failed.
package struct ObjectiveRegistryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of refusal, from a bounded set (safe to use as a metric label).
    package struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable {
            case declaredInFile = "declared_in_file"
            case notFound = "not_found"
            case invalid
            case archive
        }

        private let value: Value

        private init(_ value: Value) {
            self.value = value
        }

        /// The objective is declared in the configuration file, which is authoritative for it.
        package static let declaredInFile = Code(.declaredInFile)
        /// No objective has that name.
        package static let notFound = Code(.notFound)
        /// The objective is not valid here (see ``ObjectiveRegistryError/objectiveError``).
        package static let invalid = Code(.invalid)
        /// The archive could not be written.
        package static let archive = Code(.archive)

        /// The snake_case name of the code.
        package var description: String { value.rawValue }
    }

    /// The kind of refusal.
    package let code: Code
    /// What is wrong, in a sentence that names the objective.
    package let message: String
    /// The field-level error, for ``Code/invalid``.
    package let objectiveError: ObjectiveError?

    /// Creates an error.
    /// - Parameters:
    ///   - code: the kind of refusal.
    ///   - message: what is wrong.
    ///   - objectiveError: the field-level error, if any.
    package init(_ code: Code, _ message: String, objectiveError: ObjectiveError? = nil) {
        self.code = code
        self.message = message
        self.objectiveError = objectiveError
    }

    /// The message.
    package var description: String { message }
}
