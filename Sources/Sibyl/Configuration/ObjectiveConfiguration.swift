/// One objective declared in the configuration file's `objectives` list, with the line where it starts.
///
/// The file is authoritative for the objectives it declares: they cannot be changed or deleted through the API.
/// An objective read from an OpenSLO file (`--openslo.file`) names that file in ``file``.
package struct ObjectiveConfiguration: Sendable, Hashable {
    /// The objective.
    package var objective: Objective
    /// The 1-based line of its entry in the file (0 when it was not read from a file).
    package var line: Int
    /// The file that declares it when that is not the configuration file (an OpenSLO file), else `nil`.
    package var file: String?

    /// Creates a declared objective.
    /// - Parameters:
    ///   - objective: the objective.
    ///   - line: the line of its entry in the file.
    ///   - file: the file that declares it, `nil` for the configuration file.
    package init(_ objective: Objective, line: Int = 0, file: String? = nil) {
        self.objective = objective
        self.line = line
        self.file = file
    }

    /// Where it was declared: its own file, or `configurationFile`, at its line.
    /// - Parameter configurationFile: the configuration file's path.
    /// - Returns: the origin.
    package func origin(configurationFile: String) -> ObjectiveOrigin {
        .file(path: file ?? configurationFile, line: line)
    }
}
