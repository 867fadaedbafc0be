/// What is applied to a series' samples before they are compared with an objective's range.
package enum ObjectiveTransform: String, Sendable, Hashable, CaseIterable, Codable {
    /// The per-second rate between consecutive samples, with PromQL's counter-reset rule (a drop restarts from 0).
    case rate
}
