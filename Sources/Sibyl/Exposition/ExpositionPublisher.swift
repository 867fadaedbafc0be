import Synchronization

/// Holds the rendered `/metrics` body and swaps it atomically; `GET /metrics` only reads it.
package final class ExpositionPublisher: Sendable {
    private struct State {
        var body: [UInt8] = []
        var ready = false
        var stale: Staleness?
    }

    private let state = Mutex(State())

    /// Creates a publisher with an empty body.
    package init() {}

    /// The current body.
    package var body: [UInt8] { state.withLock { $0.body } }

    /// Why `/-/ready` answers 503, `nil` when it answers 200.
    package var notReadyReason: String? {
        state.withLock { state in
            state.ready ? state.stale?.description : "no evaluation cycle has succeeded yet"
        }
    }

    /// Replaces the body; `succeeded` marks the publisher ready, until results go stale.
    /// - Parameters:
    ///   - body: the rendered exposition.
    ///   - succeeded: whether it comes from a successful cycle.
    ///   - stale: why the derived families are withdrawn, `nil` while they are served.
    package func publish(_ body: [UInt8], succeeded: Bool, stale: Staleness? = nil) {
        state.withLock {
            $0.body = body
            if succeeded { $0.ready = true }
            $0.stale = stale
        }
    }
}
