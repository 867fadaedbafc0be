import Synchronization

/// Counts the requests of one kind being answered and refuses one past the limit, instead of queueing it: a
/// queue of expensive requests is memory a client can fill.
final class ConcurrencyGate: Sendable {
    /// The most at once; 0 means no limit.
    let limit: Int
    private let count = Mutex(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// Takes a slot, or returns `false` when all are taken. A taken slot is given back with ``leave()``.
    func enter() -> Bool {
        count.withLock { count in
            guard limit == 0 || count < limit else { return false }
            count += 1
            return true
        }
    }

    /// Gives a slot back.
    func leave() {
        count.withLock { $0 -= 1 }
    }

    /// The slots taken now.
    var current: Int { count.withLock { $0 } }
}
