import Foundation

/// Runs blocking work (a child process, a socket connect) on a Dispatch thread, off Swift's cooperative pool:
/// waiting there would starve a server under test in this process, whose accept loop and handlers run on that pool.
/// - Parameter work: the blocking work.
/// - Returns: what `work` returns.
public func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
