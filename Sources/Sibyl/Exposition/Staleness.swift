import Foundation

/// Why the derived families are withdrawn from `/metrics` and `/-/ready` answers 503: no cycle has succeeded for
/// `evaluation.stale_after`, and serving the last values any longer would pass them off as current.
package struct Staleness: Sendable, Hashable, CustomStringConvertible {
    /// The evaluation time T of the last successful cycle, in Unix milliseconds.
    package var since: Int64
    /// The bounded reason of the last failed cycle (`unreachable`, `http_503`, …).
    package var reason: String

    /// Creates a staleness.
    /// - Parameters:
    ///   - since: the last successful cycle's T in milliseconds.
    ///   - reason: the last failure's bounded reason.
    package init(since: Int64, reason: String) {
        self.since = since
        self.reason = reason
    }

    /// `no successful cycle since <RFC 3339 time>: <reason>`.
    package var description: String {
        "no successful cycle since \(Date(timeIntervalSince1970: Double(since) / 1000).ISO8601Format()): \(reason)"
    }
}
