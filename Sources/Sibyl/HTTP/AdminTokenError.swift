/// The admin token file is set but cannot give a token.
public struct AdminTokenError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file's path.
    public let file: String
    /// What is wrong.
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - file: the file's path.
    ///   - message: what is wrong.
    public init(file: String, _ message: String) {
        self.file = file
        self.message = message
    }

    /// `file: message`.
    public var description: String { "\(file): \(message)" }
}
