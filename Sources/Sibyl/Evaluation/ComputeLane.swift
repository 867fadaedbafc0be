import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One thread of its own, at a lower scheduling priority, for work that must take at most one core and give way to
/// the live cycles: the backfill's numerics run here.
///
/// Set it as ``current`` around a task (`ComputeLane.$current.withValue(lane) { … }`) and every
/// ``Swift/Array/concurrentMap(batchSize:workerState:_:)`` in that task runs its elements one after another on the
/// lane's thread instead of on every core. The thread raises its own nice value once (Linux keeps nice values per
/// thread), so the kernel runs it only in the time the other threads leave. ``close()`` ends the thread after the
/// jobs already queued.
final class ComputeLane: Sendable {
    /// The lane of the current task, `nil` outside one: work then spreads over every core.
    @TaskLocal static var current: ComputeLane?

    /// The default nice value of the lane's thread (0 is normal, 19 the lowest priority).
    static let defaultNiceness: Int32 = 10

    private let jobs = Mutex<(queue: [@Sendable () -> Void], closed: Bool)>(([], false))
    private let signal = DispatchSemaphore(value: 0)

    /// Starts the lane's thread.
    /// - Parameter niceness: the thread's nice value.
    init(niceness: Int32 = defaultNiceness) {
        // The thread holds the lane until ``close()`` ends it.
        let thread = Thread { [self] in
            #if canImport(Glibc)
            // `who` 0 is the calling thread: Linux keeps the nice value per thread.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
            #endif
            while true {
                signal.wait()
                let next = self.jobs.withLock { state -> (@Sendable () -> Void)? in
                    state.queue.isEmpty ? nil : state.queue.removeFirst()
                }
                guard let next else { return }
                next()
            }
        }
        thread.name = "sibyl-compute-lane"
        thread.start()
    }

    /// Runs `work` on the lane's thread and returns its result.
    /// - Parameter work: the work.
    /// - Returns: what it returned.
    func run<Result: Sendable>(_ work: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { (continuation: CheckedContinuation<Result, Never>) in
            let queued = jobs.withLock { state -> Bool in
                guard !state.closed else { return false }
                state.queue.append { continuation.resume(returning: work()) }
                return true
            }
            if queued {
                signal.signal()
            } else {
                // Closed: the work still has to be done, on a shared thread.
                DispatchQueue.global(qos: .utility).async { continuation.resume(returning: work()) }
            }
        }
    }

    /// Ends the thread once the jobs already queued are done; later work runs on shared threads.
    func close() {
        let wasOpen = jobs.withLock { state -> Bool in
            defer { state.closed = true }
            return !state.closed
        }
        // One signal more than jobs: the thread wakes to an empty queue and returns.
        if wasOpen { signal.signal() }
    }
}
