/// What `GET /api/v1/objectives/{name}/status` answers: the objective and, once evaluated, each matching series'
/// violations per window and predictions.
package struct ObjectiveStatus: Sendable, Hashable, Encodable {
    /// The objective as registered.
    package var objective: RegisteredObjective
    /// Whether a cycle has evaluated this objective (as defined now) yet.
    package var evaluated: Bool
    /// The evaluation time T of the results, in Unix milliseconds, when evaluated.
    package var evaluatedAt: Int64?
    /// One entry per matching series, ordered by labels.
    package var series: [ObjectiveSeriesStatus]

    /// Creates a status.
    /// - Parameters:
    ///   - evaluated: whether it has been evaluated.
    ///   - evaluatedAt: the evaluation time in Unix milliseconds.
    ///   - series: the matching series' results.
    package init(
        objective: RegisteredObjective, evaluated: Bool, evaluatedAt: Int64? = nil, series: [ObjectiveSeriesStatus] = []
    ) {
        self.objective = objective
        self.evaluated = evaluated
        self.evaluatedAt = evaluatedAt
        self.series = series
    }

    /// A status with nothing evaluated yet.
    /// - Returns: `evaluated: false` and no series.
    package static func unevaluated(_ objective: RegisteredObjective) -> ObjectiveStatus {
        ObjectiveStatus(objective: objective, evaluated: false)
    }

    private enum CodingKeys: String, CodingKey {
        case objective, evaluated, series
        case evaluatedAt = "evaluated_at"
    }

    /// Encodes `evaluated_at` as Unix seconds (a number, as Prometheus' API writes times).
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(objective, forKey: .objective)
        try container.encode(evaluated, forKey: .evaluated)
        try container.encodeIfPresent(evaluatedAt.map { Double($0) / 1000 }, forKey: .evaluatedAt)
        try container.encode(series, forKey: .series)
    }
}
