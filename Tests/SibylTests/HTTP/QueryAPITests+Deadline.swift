import Foundation
import Hummingbird
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

/// Regular expressions that a backtracking engine takes minutes over, and the request deadline.
extension QueryAPITests {
    /// `instance` values on which `(.*)*Q` backtracks exponentially in a backtracking engine (the one without `Q`).
    static let longInstances = [String(repeating: "a", count: 1_000), String(repeating: "a", count: 1_000) + "Q", "Q"]

    /// One cycle of `sibyl_window_max` over the ``longInstances``.
    static func longLabelCycle(time: Int64) throws -> CycleSnapshot {
        CycleSnapshot(
            time: time, duration: 0.25,
            families: [
                try ArchiveFixture.family(
                    "sibyl_window_max",
                    longInstances.map { ([("instance", $0), ("metric", "node_load1"), ("window", "1h")], 1) })
            ])
    }

    /// The `data` of a `/api/v1/series` answer.
    struct SeriesAnswer: Decodable {
        var data: [[String: String]]
    }

    @Test("a nested repetition over long label values selects in linear time (RE2), as Prometheus does")
    func nestedRepetition() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        await fixture.write([try Self.longLabelCycle(time: QueryFixture.start)])
        try await Self.withServer(fixture.archive.results) { url in
            for (selector, selected) in [
                (#"sibyl_window_max{instance=~"(.*)*Q"}"#, Self.longInstances.suffix(2)),
                (#"sibyl_window_max{instance!~"(a|a)*Q"}"#, Self.longInstances.prefix(1)),
                (#"sibyl_window_max{instance=~"(a*)*b"}"#, []),
            ] {
                let response = try await Self.get(url, "series", [("match[]", selector)])
                #expect(response.status == 200, "\(selector)")
                let answer = try JSONDecoder().decode(SeriesAnswer.self, from: response.body)
                #expect(Set(answer.data.compactMap { $0["instance"] }) == Set(selected), "\(selector)")
            }
        }
    }

    @Test("a call still reading series at its deadline stops: 503 timeout")
    func deadline() async throws {
        let fixture = try await QueryFixture.make(cycles: 2)
        defer { fixture.remove() }
        let query = try ResultQuery(.series, parameters: try QueryParameters.parse("match[]=sibyl_window_max"), now: 0)
        await #expect {
            try await fixture.store.answer(query, deadline: RequestDeadline(after: .zero))
        } throws: { error in
            (error as? ArchiveError)?.code == .timedOut
        }
        let late = await QueryAPI.respond(
            .series, "match[]=sibyl_window_max", store: fixture.store, now: 0, deadline: RequestDeadline(after: .zero))
        #expect(late.status == .serviceUnavailable)
        let inTime = await QueryAPI.respond(.series, "match[]=sibyl_window_max", store: fixture.store, now: 0)
        #expect(inTime.status == .ok)
    }
}
