import Logging
import SibylTestSupport
import Testing

@testable import Sibyl

struct EvaluationTriggerTests {
    @Test("a request starts a cycle before the interval is over, and only one")
    func cyclesOnRequest() async throws {
        let port = try FreePort.next()
        let publisher = ExpositionPublisher()
        let trigger = EvaluationTrigger()
        let scheduler = EvaluationScheduler(
            configuration: .init(selectors: [[]], windows: [3_600_000]), interval: .seconds(3600),
            client: RemoteReadClient(
                configuration: .init(url: "http://127.0.0.1:\(port)/api/v1/read", timeout: .seconds(2))),
            board: ExpositionBoard(publisher: publisher), trigger: trigger, logger: Logger(label: "test"),
            now: { 1_000_000 })
        func evaluations() -> Int {
            let body = String(decoding: publisher.body, as: UTF8.self)
            return Int(ExposedSample.find(in: body, "sibyl_evaluations_total").first?.value ?? -1)
        }
        func waitFor(_ count: Int, exactly: Bool = true) async throws {
            for _ in 0..<400 where evaluations() < count { try await Task.sleep(for: .milliseconds(50)) }
            if exactly { #expect(evaluations() == count) } else { #expect(evaluations() >= count) }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await scheduler.run() }
            try await waitFor(1)
            trigger.fire()
            try await waitFor(2)
            try await Task.sleep(for: .seconds(1))
            #expect(evaluations() == 2, "one request, one cycle, nothing left pending")
            group.cancelAll()
        }
    }

    @Test("requests made while nobody waits merge into one: the first wait returns at once, the next one waits")
    func requestsMerge() async {
        let trigger = EvaluationTrigger()
        for _ in 0..<5 { trigger.fire() }
        await trigger.wait()
        let secondReturnedFirst = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await trigger.wait()
                return true
            }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(300))
                return false
            }
            let first = await group.next() ?? true
            group.cancelAll()
            return first
        }
        #expect(!secondReturnedFirst, "five requests made one pending cycle, not five")
    }
}
