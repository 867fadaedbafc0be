import SibylAnalysis

extension ObjectiveSpecification {
    /// What the evaluation needs of a registered objective; `nil` for a range objective whose range cannot be judged
    /// (the objective's own checks already refuse one).
    /// - Parameter registered: the objective as the registry holds it.
    package init?(_ registered: RegisteredObjective) {
        let objective = registered.objective
        let range = try? AllowedRange(min: objective.min, max: objective.max)
        if range == nil && objective.ratio == nil && objective.latency == nil { return nil }
        self.init(
            name: objective.name, selector: objective.selector, range: range, isRate: objective.transform == .rate,
            divisor: objective.divideBy, windows: registered.windows.map(\.milliseconds), budget: objective.budget,
            ratio: objective.ratio, latency: objective.latency, by: objective.by)
    }
}

extension ObjectiveRegistry {
    /// The objectives in force, as the evaluation judges them.
    package var specifications: [ObjectiveSpecification] {
        current.objectives.compactMap(ObjectiveSpecification.init)
    }
}
