/// Gives the current results of an objective; the evaluation loop implements it, the API asks it.
package protocol ObjectiveStatusProvider: Sendable {
    /// The latest results for an objective in force.
    /// - Parameter objective: the objective as registered now.
    /// - Returns: its status; `evaluated: false` and no series before any cycle has evaluated it.
    func status(of objective: RegisteredObjective) async -> ObjectiveStatus
}

/// The provider used until an evaluation loop gives results: every objective is not evaluated yet.
package struct UnevaluatedObjectiveStatusProvider: ObjectiveStatusProvider {
    /// Creates the provider.
    package init() {}

    /// `evaluated: false` with no series.
    /// - Returns: the unevaluated status.
    package func status(of objective: RegisteredObjective) async -> ObjectiveStatus {
        .unevaluated(objective)
    }
}
