/// A test fixture (a server or a tool) that could not be set up.
public struct FixtureError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public let description: String

    /// Creates an error with its message.
    /// - Parameter description: what went wrong.
    public init(_ description: String) {
        self.description = description
    }

    /// A program the test needs is not installed.
    public static func missingBinary(_ path: String) -> Self {
        Self("\(path) is not installed (run the README's test command, which installs it)")
    }
}
