/// The admin token file is set but cannot give a token.
package struct AdminTokenError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file's path.
    package let file: String
    /// What is wrong.
    package let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - file: the file's path.
    ///   - message: what is wrong.
    package init(file: String, _ message: String) {
        self.file = file
        self.message = message
    }

    /// `file: message`.
    package var description: String { "\(file): \(message)" }
}
