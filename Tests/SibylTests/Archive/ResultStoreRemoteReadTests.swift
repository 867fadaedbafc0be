import GRDB
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

struct ResultStoreRemoteReadTests {
    /// Every series' samples as the `samples` view gives them, joined to the cycle times: the reference.
    static func viewSamples(_ pool: DatabasePool, _ ids: [Int64], in range: ClosedRange<Int64>) throws -> [[Sample]] {
        try pool.read { db in
            try ids.map { id in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT e.time_ms, s.value FROM samples s JOIN evaluations e ON e.id = s.evaluation_id
                        WHERE s.series_id = ? AND e.time_ms BETWEEN ? AND ? ORDER BY e.time_ms
                        """,
                    arguments: [id, range.lowerBound, range.upperBound]
                ).map { row in
                    Sample(timestamp: row[0], value: ResultStore.value(row[1]) ?? 0)
                }
            }
        }
    }

    @Test("samples by primary-key lookups equal the samples view, bit for bit: window rows, spilled NaN counts, points")
    func equalsTheView() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let cycles = try (0..<5).map { index in
            try ResultStoreWindowRowsTests.cycle(
                time: 60_000 * Int64(index + 1), sources: index..<(index + 4), seed: UInt64(index + 1))
        }
        #expect(await fixture.write(cycles).errors.isEmpty)
        let store = fixture.archive.results
        let series = try await store.series(matching: [LabelMatcher("__name__", .regexMatch, ".+")])
        #expect(series.count > 100)
        for range: ClosedRange<Int64> in [0...1_000_000, 120_000...240_000, 61_000...119_000] {
            let read = try await store.samples(of: series, in: range)
            let reference = try Self.viewSamples(fixture.archive.pool, series.map(\.id), in: range)
            #expect(read.map { $0.map(\.timestamp) } == reference.map { $0.map(\.timestamp) }, "\(range)")
            #expect(
                read.map { $0.map(\.value.bitPattern) } == reference.map { $0.map(\.value.bitPattern) }, "\(range)")
            #expect(read.joined().count == reference.joined().count)
        }
        #expect(try await store.samples(of: series, in: 0...1_000_000).joined().count > 300)
    }

    @Test("no matchers select no series, as Prometheus' TSDB answers; a matcher that matches everything selects all")
    func noMatchers() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        try await fixture.write([ArchiveFixture.windowCycle(time: 60_000, series: 0..<3)])
        #expect(try await fixture.archive.results.series(matching: []).isEmpty)
        let everything = LabelMatcher("__name__", .regexMatch, ".*")
        #expect(try await fixture.archive.results.series(matching: [everything]).count == 3)
    }
}
