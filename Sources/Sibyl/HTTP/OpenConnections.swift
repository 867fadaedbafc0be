import NIOCore
import Synchronization

/// Every connection the HTTP server holds open, and whether each is inside a request.
///
/// When a new connection comes within a few places of the connection limit, the connection that has waited longest
/// outside a request (idle between requests, or still sending its request head) is closed to make room. Slow or stuck
/// clients thus never fill the limit, and the server never stops accepting because of them: a scrape that arrives
/// while hundreds hang on is accepted at once and answered, instead of waiting in the listen backlog. Connections
/// inside a request are never closed for room.
final class OpenConnections: Sendable {
    /// One connection's state.
    private struct Entry {
        let channel: any Channel
        /// Inside a request: from its head until its response's end was written.
        var inRequest: Bool
        /// When the connection opened or last finished a response.
        var waitingSince: ContinuousClock.Instant
    }

    /// Open connections from which a new one makes room: the limit less a headroom (a tenth of it, at most 32)
    /// that absorbs the time a closing connection takes to give its place back.
    private let threshold: Int
    private let state = Mutex<[ObjectIdentifier: Entry]>([:])

    /// - Parameter limit: the server's connection limit (at least 1).
    init(limit: Int) {
        let limit = max(1, limit)
        threshold = max(1, limit - min(32, limit / 10))
    }

    /// Connections open now.
    var count: Int { state.withLock { $0.count } }

    /// Registers a connection that has just opened; closes the longest-waiting one outside a request when the
    /// limit is near.
    func opened(_ channel: any Channel) {
        let evicted: (any Channel)? = state.withLock { entries in
            entries[ObjectIdentifier(channel)] = Entry(channel: channel, inRequest: false, waitingSince: .now)
            guard entries.count >= threshold else { return nil }
            let candidate = entries.filter { $0.key != ObjectIdentifier(channel) && !$0.value.inRequest }
                .min { $0.value.waitingSince < $1.value.waitingSince }
            guard let candidate else { return nil }
            entries[candidate.key] = nil
            return candidate.value.channel
        }
        evicted?.close(promise: nil)
    }

    /// A request head arrived on the connection.
    func requestStarted(on channel: any Channel) {
        state.withLock { $0[ObjectIdentifier(channel)]?.inRequest = true }
    }

    /// The response's end was written on the connection.
    func responseFinished(on channel: any Channel) {
        state.withLock { entries in
            entries[ObjectIdentifier(channel)]?.inRequest = false
            entries[ObjectIdentifier(channel)]?.waitingSince = .now
        }
    }

    /// The connection closed.
    func closed(_ channel: any Channel) {
        _ = state.withLock { $0.removeValue(forKey: ObjectIdentifier(channel)) }
    }
}
