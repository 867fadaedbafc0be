/// One mistake in a configuration file: what is wrong and where (file, 1-based line and column).
///
/// `description` reads like promtool's, `sibyl.yml:7:5: unknown key "windoes" in section evaluation (did you mean
/// "windows"?)`; an error about the whole file (missing, too large) has line and column 0 and reads `sibyl.yml: …`.
/// Columns count Unicode scalars from the start of the line, as libyaml does.
package struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of mistake, from a bounded set (safe to use as a metric label).
    package struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable {
            case unreadableFile = "unreadable_file"
            case fileTooLarge = "file_too_large"
            case invalidYAML = "invalid_yaml"
            case duplicateKey = "duplicate_key"
            case unknownKey = "unknown_key"
            case missingKey = "missing_key"
            case wrongType = "wrong_type"
            case invalidDuration = "invalid_duration"
            case invalidSelector = "invalid_selector"
            case invalidURL = "invalid_url"
            case invalidValue = "invalid_value"
            case duplicateValue = "duplicate_value"
        }

        private let value: Value

        private init(_ value: Value) {
            self.value = value
        }

        /// The file is missing, a directory, unreadable, or not UTF-8.
        package static let unreadableFile = Code(.unreadableFile)
        /// The file is larger than ``SibylConfiguration/maximumFileSize``.
        package static let fileTooLarge = Code(.fileTooLarge)
        /// The text is not well-formed YAML (or holds more than one document).
        package static let invalidYAML = Code(.invalidYAML)
        /// A key appears twice in one mapping.
        package static let duplicateKey = Code(.duplicateKey)
        /// A key that the section does not have.
        package static let unknownKey = Code(.unknownKey)
        /// A required key or section is absent.
        package static let missingKey = Code(.missingKey)
        /// A value of the wrong YAML kind (a list where a duration goes, a word where a number goes, …).
        package static let wrongType = Code(.wrongType)
        /// A duration that is not Prometheus syntax.
        package static let invalidDuration = Code(.invalidDuration)
        /// A PromQL series selector that does not parse, or a missing or empty list of them.
        package static let invalidSelector = Code(.invalidSelector)
        /// A URL that is not an absolute `http` or `https` URL.
        package static let invalidURL = Code(.invalidURL)
        /// A well-formed value the key does not allow (a non-positive interval, a window shorter than the step, …).
        package static let invalidValue = Code(.invalidValue)
        /// The same value twice in a list that must not repeat (windows, selectors).
        package static let duplicateValue = Code(.duplicateValue)

        /// The snake_case name of the code.
        package var description: String { value.rawValue }
    }

    /// The kind of mistake.
    package let code: Code
    /// The file's path as given to the loader.
    package let file: String
    /// The 1-based line, or 0 when the error concerns the whole file.
    package let line: Int
    /// The 1-based column in Unicode scalars, or 0 when the error concerns the whole file.
    package let column: Int
    /// What is wrong, without the position.
    package let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: the kind of mistake.
    ///   - file: the file's path.
    ///   - line: the 1-based line, or 0 for the whole file.
    ///   - column: the 1-based column, or 0 for the whole file.
    ///   - message: what is wrong.
    package init(_ code: Code, file: String, line: Int, column: Int, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`, or `file: message` for an error about the whole file.
    package var description: String {
        guard line > 0 else { return "\(file): \(message)" }
        return "\(file):\(line):\(column): \(message)"
    }

    /// A bounded description for metric labels: the code's name.
    package var shortDescription: String { code.description }
}
