import Testing

@testable import Sibyl

struct BodyHandoffTests {
    @Test("elements arrive in order, one at a time, then nil after a successful end")
    func inOrder() async throws {
        let handoff = BodyHandoff<Int>()
        async let sent: Void = {
            for value in 0..<5 { await handoff.send(value) }
            handoff.finish(.success(()))
        }()
        var received: [Int] = []
        while let value = try await handoff.next() { received.append(value) }
        await sent
        #expect(received == [0, 1, 2, 3, 4])
    }

    @Test("the first end wins: a failure wakes a waiting producer, a later end is ignored")
    func failureWins() async throws {
        struct Stop: Error {}
        let handoff = BodyHandoff<Int>()
        async let sent: Void = handoff.send(1)  // waits: nobody takes it
        try await Task.sleep(for: .milliseconds(50))
        handoff.finish(.failure(Stop()))
        handoff.finish(.success(()))
        await sent
        await #expect(throws: Stop.self) { try await handoff.next() }
        await handoff.send(2)  // returns at once once ended
    }

    @Test("cancelling the consumer's task ends the hand-over with CancellationError")
    func cancellation() async throws {
        let handoff = BodyHandoff<Int>()
        let consumer = Task { try await handoff.next() }
        try await Task.sleep(for: .milliseconds(50))
        consumer.cancel()
        await #expect(throws: CancellationError.self) { try await consumer.value }
        await #expect(throws: CancellationError.self) { try await handoff.next() }
    }
}
