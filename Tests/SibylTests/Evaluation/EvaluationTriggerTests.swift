import Logging
import Sibyl
import SibylTestSupport
import Testing

struct EvaluationTriggerTests {
    @Test("a request starts a cycle before the interval is over; a burst of requests does not queue a cycle each")
    func cyclesOnRequest() async throws {
        let port = try FreePort.next()
        let publisher = ExpositionPublisher()
        let trigger = EvaluationTrigger()
        let scheduler = EvaluationScheduler(
            configuration: .init(selectors: [[]], windows: [3_600_000]), interval: .seconds(3600),
            client: RemoteReadClient(configuration: .init(url: "http://127.0.0.1:\(port)/api/v1/read", timeout: .seconds(2))),
            board: ExpositionBoard(publisher: publisher), trigger: trigger, logger: Logger(label: "test"), now: { 1_000_000 })
        func evaluations() -> Int {
            let body = String(decoding: publisher.body, as: UTF8.self)
            return Int(ExposedSample.find(in: body, "sibyl_evaluations_total").first?.value ?? -1)
        }
        func waitFor(_ count: Int) async throws {
            for _ in 0..<400 where evaluations() < count { try await Task.sleep(for: .milliseconds(50)) }
            #expect(evaluations() == count)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await scheduler.run() }
            try await waitFor(1)
            trigger.fire()
            try await waitFor(2)
            // Requests before the next cycle starts merge; one arriving after it started asks for one more.
            // (A cycle against the closed port takes a moment: the client's connection attempt fails.)
            for _ in 0..<5 { trigger.fire() }
            try await waitFor(3)
            try await Task.sleep(for: .seconds(3))
            let afterBurst = evaluations()
            #expect((3...4).contains(afterBurst))
            try await Task.sleep(for: .seconds(3))
            #expect(evaluations() == afterBurst, "nothing left pending")
            group.cancelAll()
        }
    }
}
