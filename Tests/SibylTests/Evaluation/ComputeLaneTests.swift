import Foundation
import Glibc
import Testing

@testable import Sibyl

struct ComputeLaneTests {
    @Test("inside a lane, concurrentMap runs every element on the lane's one thread, at nice 10, in order")
    func oneThreadLowerPriority() async {
        let lane = ComputeLane()
        defer { lane.close() }
        let results = await ComputeLane.$current.withValue(lane) {
            await Array(0..<100).concurrentMap(batchSize: 1) { index in
                (index, UInt(pthread_self()), getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0))
            }
        }
        #expect(results.map(\.0) == Array(0..<100))
        #expect(Set(results.map(\.1)).count == 1)
        #expect(Set(results.map(\.2)) == [ComputeLane.defaultNiceness])
        // Outside the lane the work spreads over the shared threads at the process' priority.
        let outside = await Array(0..<8).concurrentMap(batchSize: 1) { _ in
            getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        }
        #expect(!outside.contains(ComputeLane.defaultNiceness))
    }

    @Test("work given to a closed lane still runs")
    func closed() async {
        let lane = ComputeLane()
        lane.close()
        #expect(await lane.run { 42 } == 42)
    }
}
