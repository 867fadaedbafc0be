/// An objective as the registry holds it: the definition, where it comes from, and the windows to evaluate.
package struct RegisteredObjective: Sendable, Hashable {
    /// The definition.
    package let objective: Objective
    /// Where it was declared.
    package let origin: ObjectiveOrigin
    /// The windows to evaluate, ascending: the objective's own, or the evaluation windows.
    package let windows: [PrometheusDuration]

    /// Creates a registered objective.
    /// - Parameters:
    ///   - objective: the definition.
    ///   - origin: where it was declared.
    ///   - defaultWindows: the evaluation windows, used when the objective has none.
    package init(_ objective: Objective, origin: ObjectiveOrigin, defaultWindows: [PrometheusDuration]) {
        self.objective = objective
        self.origin = origin
        self.windows = objective.windows(default: defaultWindows)
    }

    /// The objective's name.
    package var name: String { objective.name }
}

extension RegisteredObjective: Encodable {
    /// The objective's JSON fields plus the read-only `origin` (`file` or `api`) and, for the file, `location`
    /// (`sibyl.yml:52`).
    package func encode(to encoder: any Encoder) throws {
        try objective.encode(to: encoder)
        var container = encoder.container(keyedBy: FieldKey.self)
        try container.encode(origin.kind, forKey: FieldKey("origin"))
        if case .file = origin {
            try container.encode(origin.description, forKey: FieldKey("location"))
        }
    }
}
