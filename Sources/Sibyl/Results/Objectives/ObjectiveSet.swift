/// The objectives in force at one moment, with the registry's generation at that moment.
public struct ObjectiveSet: Sendable, Hashable {
    /// Increases by one with every change (a `PUT` or `DELETE` that committed); 0 at start.
    public var generation: UInt64
    /// The objectives sorted by name: the file's, and the archive's whose names the file does not declare.
    public var objectives: [RegisteredObjective]

    /// Creates a set.
    /// - Parameters:
    ///   - generation: the registry's generation.
    ///   - objectives: the objectives, sorted by name.
    public init(generation: UInt64, objectives: [RegisteredObjective]) {
        self.generation = generation
        self.objectives = objectives
    }
}
