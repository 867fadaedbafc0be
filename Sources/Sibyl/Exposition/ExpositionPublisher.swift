import Synchronization

/// Holds the rendered `/metrics` body and swaps it atomically; `GET /metrics` only reads it.
package final class ExpositionPublisher: Sendable {
    private struct State {
        var body: [UInt8] = []
        var ready = false
    }

    private let state = Mutex(State())

    /// Creates a publisher with an empty body.
    package init() {}

    /// The current body.
    package var body: [UInt8] { state.withLock { $0.body } }

    /// Whether a first evaluation cycle has succeeded.
    package var isReady: Bool { state.withLock { $0.ready } }

    /// Replaces the body; `succeeded` marks the publisher ready for good.
    /// - Parameters:
    ///   - body: the rendered exposition.
    ///   - succeeded: whether it comes from a successful cycle.
    package func publish(_ body: [UInt8], succeeded: Bool) {
        state.withLock {
            $0.body = body
            if succeeded { $0.ready = true }
        }
    }
}
