/// What `GET /api/v1/objectives/{name}/status` answers: the objective and, once evaluated, each matching series'
/// violations per window and predictions, and, for an objective with a target, its error budget per indicator group.
package struct ObjectiveStatus: Sendable, Hashable, Encodable {
    /// The objective as registered.
    package var objective: RegisteredObjective
    /// Whether a cycle has evaluated this objective (as defined now) yet.
    package var evaluated: Bool
    /// The evaluation time T of the results, in Unix milliseconds, when evaluated.
    package var evaluatedAt: Int64?
    /// One entry per matching series, ordered by labels.
    package var series: [ObjectiveSeriesStatus]
    /// The error budget at the last judgement, when the objective has a target and has been judged with it.
    package var budget: ErrorBudgetReport?

    /// Creates a status.
    /// - Parameters:
    ///   - evaluated: whether it has been evaluated.
    ///   - evaluatedAt: the evaluation time in Unix milliseconds.
    ///   - series: the matching series' results.
    ///   - budget: the error budget, if it has one.
    package init(
        objective: RegisteredObjective, evaluated: Bool, evaluatedAt: Int64? = nil,
        series: [ObjectiveSeriesStatus] = [],
        budget: ErrorBudgetReport? = nil
    ) {
        self.objective = objective
        self.evaluated = evaluated
        self.evaluatedAt = evaluatedAt
        self.series = series
        self.budget = budget
    }

    /// A status with nothing evaluated yet.
    /// - Returns: `evaluated: false` and no series.
    package static func unevaluated(_ objective: RegisteredObjective) -> ObjectiveStatus {
        ObjectiveStatus(objective: objective, evaluated: false)
    }

    private enum CodingKeys: String, CodingKey {
        case objective, evaluated, series, budget
        case evaluatedAt = "evaluated_at"
    }

    /// Encodes `evaluated_at` as Unix seconds (a number, as Prometheus' API writes times).
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(objective, forKey: .objective)
        try container.encode(evaluated, forKey: .evaluated)
        try container.encodeIfPresent(evaluatedAt.map { Double($0) / 1000 }, forKey: .evaluatedAt)
        try container.encode(series, forKey: .series)
        try container.encodeIfPresent(budget, forKey: .budget)
    }
}
