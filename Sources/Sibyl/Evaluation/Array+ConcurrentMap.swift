import Dispatch
import Synchronization

extension Array where Element: Sendable {
    /// `map` in parallel over the available cores on Dispatch's worker threads, `batchSize` elements per work item;
    /// the order of the results is the order of the elements.
    ///
    /// The work does not run on Swift's cooperative pool: that pool has one thread per core and also runs the HTTP
    /// handlers, so minutes of numerics on it would keep `/metrics` and the API from answering. Dispatch's threads
    /// share the cores with it under the kernel's scheduler instead.
    /// - Parameters:
    ///   - batchSize: elements per work item.
    ///   - transform: the pure per-element function.
    /// - Returns: the transformed elements.
    func concurrentMap<Result: Sendable>(
        batchSize: Int, _ transform: @escaping @Sendable (Element) -> Result
    ) async -> [Result] {
        guard !isEmpty else { return [] }
        let size = Swift.max(1, batchSize)
        let batches = stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min(count, $0 + size)]) }
        return await withCheckedContinuation { (continuation: CheckedContinuation<[Result], Never>) in
            DispatchQueue.global(qos: .utility).async {
                let parts = Mutex([[Result]?](repeating: nil, count: batches.count))
                DispatchQueue.concurrentPerform(iterations: batches.count) { index in
                    let part = batches[index].map(transform)
                    parts.withLock { $0[index] = part }
                }
                continuation.resume(returning: parts.withLock { $0.flatMap { $0 ?? [] } })
            }
        }
    }
}
