/// The answer of the evaluation loop to `POST /api/v1/evaluate`.
package enum EvaluationRequestOutcome: Sendable, Hashable {
    /// A cycle will run now (or one already queued will cover the request): 202.
    case accepted
    /// No cycle can be run on request, for the reason given: 503.
    case unavailable(String)
}
