/// The objectives in force at one moment, with the registry's generation at that moment.
package struct ObjectiveSet: Sendable, Hashable {
    /// Increases by one with every change (a `PUT` or `DELETE` that committed); 0 at start.
    package var generation: UInt64
    /// The objectives sorted by name: the file's, and the archive's whose names the file does not declare.
    package var objectives: [RegisteredObjective]

    /// Creates a set.
    /// - Parameters:
    ///   - generation: the registry's generation.
    ///   - objectives: the objectives, sorted by name.
    package init(generation: UInt64, objectives: [RegisteredObjective]) {
        self.generation = generation
        self.objectives = objectives
    }
}
