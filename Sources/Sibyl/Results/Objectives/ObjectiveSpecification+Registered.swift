import SibylAnalysis

extension ObjectiveSpecification {
    /// What the evaluation needs of a registered objective; `nil` for a range that cannot be judged (the
    /// objective's own checks already refuse one).
    /// - Parameter registered: the objective as the registry holds it.
    package init?(_ registered: RegisteredObjective) {
        let objective = registered.objective
        guard let range = try? AllowedRange(min: objective.min, max: objective.max) else { return nil }
        self.init(
            name: objective.name, selector: objective.selector, range: range, isRate: objective.transform == .rate,
            divisor: objective.divideBy, windows: registered.windows.map(\.milliseconds))
    }
}

extension ObjectiveRegistry {
    /// The objectives in force, as the evaluation judges them.
    package var specifications: [ObjectiveSpecification] {
        current.objectives.compactMap(ObjectiveSpecification.init)
    }
}
