/// One objective declared in the configuration file's `objectives` list, with the line where it starts.
///
/// The file is authoritative for the objectives it declares: they cannot be changed or deleted through the API.
package struct ObjectiveConfiguration: Sendable, Hashable {
    /// The objective.
    package var objective: Objective
    /// The 1-based line of its entry in the file (0 when it was not read from a file).
    package var line: Int

    /// Creates a declared objective.
    /// - Parameters:
    ///   - line: the line of its entry in the file.
    package init(_ objective: Objective, line: Int = 0) {
        self.objective = objective
        self.line = line
    }
}
