import Dispatch
import Foundation
import Synchronization
import Testing

@testable import Sibyl

struct ArrayConcurrentMapTests {
    @Test(arguments: [1, 3, 7, 1000])
    func keepsTheOrder(batchSize: Int) async {
        let input = Array(0..<257)
        let output = await input.concurrentMap(batchSize: batchSize) { $0 * $0 }
        #expect(output == input.map { $0 * $0 })
    }

    @Test("each worker's state is its own and reused: every element is mapped once, in order")
    func workerState() async {
        let batchSize = 3
        let input = Array(0..<1000)
        let made = Mutex(0)
        let workerState = { @Sendable () -> [Int] in
            made.withLock { $0 += 1 }
            return []
        }
        let output = await input.concurrentMap(batchSize: batchSize, workerState: workerState) { seen, element in
            seen.append(element)
            // Elements a worker took arrive in ascending order within its own state.
            return (element * 2, seen.count == 1 || seen[seen.count - 2] < element)
        }
        #expect(output.map(\.0) == input.map { $0 * 2 })
        #expect(output.allSatisfy { $0.1 })
        // One state per worker, never one per batch (334 batches here).
        #expect(made.withLock { $0 } <= ProcessInfo.processInfo.activeProcessorCount)
    }

    @Test func empty() async {
        let output = await [Int]().concurrentMap(batchSize: 4) { $0 }
        #expect(output.isEmpty)
    }

    /// The transforms block until a task on the cooperative pool releases them: with the work on that pool (one
    /// thread per core) the releasing task could not run while every thread is blocked, and nothing would finish.
    @Test func leavesTheCooperativePoolFree() async {
        let width = ProcessInfo.processInfo.activeProcessorCount + 2
        let gate = DispatchSemaphore(value: 0)
        async let released: Void = {
            try? await Task.sleep(for: .milliseconds(200))
            for _ in 0..<width { gate.signal() }
        }()
        let waits = await Array(0..<width).concurrentMap(batchSize: 1) { _ in
            gate.wait(timeout: .now() + .seconds(120)) == .success
        }
        await released
        #expect(waits == Array(repeating: true, count: width))
    }
}
