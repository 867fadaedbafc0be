/// Every mistake found in one configuration file, in the order of the file (never empty when thrown).
///
/// The loader does not stop at the first mistake: it reports each one it can find, as promtool does.
/// `description` has one ``ConfigurationError`` per line.
public struct ConfigurationErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// The mistakes, ordered by line and column.
    package var errors: [ConfigurationError]

    /// Creates a list of mistakes.
    /// - Parameter errors: the mistakes; they are ordered by line and column.
    package init(_ errors: [ConfigurationError]) {
        self.errors = errors.enumerated()
            .sorted {
                ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset)
            }
            .map(\.element)
    }

    /// One error per line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
