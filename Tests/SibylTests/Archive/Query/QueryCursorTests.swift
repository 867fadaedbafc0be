import Testing

@testable import Sibyl

struct QueryCursorTests {
    @Test("a forged series token whose last id is Int64.max gives an empty page, not an overflow trap")
    func forgedSeriesToken() async throws {
        let fixture = try await QueryFixture.make(cycles: 2)
        defer { fixture.remove() }
        let parameters: [(name: String, value: String)] = [("match[]", "node_load1")]
        let plain = try ResultQuery(.series, parameters: parameters, now: 0)
        for last in [Int64.max, .max - 1, .min] {
            let forged = QueryCursor(
                fingerprint: plain.fingerprint, from: .min, to: .max, newestID: .max, series: last, time: 0)
            let query = try ResultQuery(.series, parameters: parameters + [("next", forged.token)], now: 0)
            let page = try await fixture.store.answer(query)
            guard case .series(let list) = page.answer else {
                Issue.record("not a series answer")
                continue
            }
            #expect(last == .min ? !list.isEmpty : list.isEmpty, "\(last)")
        }
    }

    @Test("a series listing's next page accepts the from and to of the first call (a listing takes no range)")
    func seriesTokenWithRange() async throws {
        let fixture = try await QueryFixture.make(cycles: 2)
        defer { fixture.remove() }
        let parameters: [(name: String, value: String)] = [
            ("match[]", "node_load1"), ("limit", "1"), ("from", "1795773600"), ("to", "1795777200"),
        ]
        let first = try await fixture.store.answer(try ResultQuery(.series, parameters: parameters, now: 0))
        let token = try #require(first.next)
        let second = try await fixture.store.answer(
            try ResultQuery(.series, parameters: parameters + [("next", token)], now: 0))
        guard case .series(let one) = first.answer, case .series(let two) = second.answer else {
            Issue.record("not series answers")
            return
        }
        #expect(one.count == 1 && two.count == 1 && one != two)
    }
}
