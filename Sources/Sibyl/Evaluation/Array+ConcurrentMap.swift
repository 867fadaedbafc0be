import Dispatch
import Foundation
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
        await concurrentMap(batchSize: batchSize, workerState: {}) { _, element in transform(element) }
    }

    /// ``concurrentMap(batchSize:_:)`` with state that each worker thread makes once and hands to every call it
    /// runs, such as reusable room for decoding (one per core, never shared).
    ///
    /// Inside a task with a ``ComputeLane`` (``ComputeLane/current``) the elements are transformed one after another
    /// on the lane's thread instead.
    /// - Parameters:
    ///   - batchSize: elements per work item.
    ///   - workerState: makes one worker's state.
    ///   - transform: the per-element function; it may change the worker's state, not the result's meaning.
    /// - Returns: the transformed elements, in the order of the elements.
    func concurrentMap<State, Result: Sendable>(
        batchSize: Int, workerState: @escaping @Sendable () -> State,
        _ transform: @escaping @Sendable (inout State, Element) -> Result
    ) async -> [Result] {
        guard !isEmpty else { return [] }
        if let lane = ComputeLane.current {
            return await lane.run { [self] in
                var state = workerState()
                return self.map { transform(&state, $0) }
            }
        }
        let size = Swift.max(1, batchSize)
        let batches = stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min(count, $0 + size)]) }
        let workers = Swift.min(batches.count, ProcessInfo.processInfo.activeProcessorCount)
        return await withCheckedContinuation { (continuation: CheckedContinuation<[Result], Never>) in
            DispatchQueue.global(qos: .utility).async {
                let parts = Mutex([[Result]?](repeating: nil, count: batches.count))
                let next = Atomic(0)
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    var state = workerState()
                    while case let index = next.add(1, ordering: .relaxed).oldValue, index < batches.count {
                        let part = batches[index].map { transform(&state, $0) }
                        parts.withLock { $0[index] = part }
                    }
                }
                continuation.resume(returning: parts.withLock { $0.flatMap { $0 ?? [] } })
            }
        }
    }
}
