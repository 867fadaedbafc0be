/// One objective declared in the configuration file's `objectives` list, with the line where it starts.
///
/// The file is authoritative for the objectives it declares: they cannot be changed or deleted through the API.
public struct ObjectiveConfiguration: Sendable, Hashable {
    /// The objective.
    public var objective: Objective
    /// The 1-based line of its entry in the file (0 when it was not read from a file).
    public var line: Int

    /// Creates a declared objective.
    /// - Parameters:
    ///   - objective: the objective.
    ///   - line: the line of its entry in the file.
    public init(_ objective: Objective, line: Int = 0) {
        self.objective = objective
        self.line = line
    }
}
