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

    static let defaults = DefaultLabels([Label("job", "sibyl"), Label("instance", "127.0.0.1:9798")])

    @Test("default labels are added before the matchers see a series, and a series' own job and instance win")
    func defaultLabels() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let node = [("instance", "h:9100"), ("job", "node"), ("metric", "node_load1"), ("window", "1h")]
        await fixture.write([
            CycleSnapshot(
                time: 60_000, duration: 0.5,
                families: [
                    try ArchiveFixture.family("sibyl_slo_series", [([("objective", "a")], 3)]),
                    try ArchiveFixture.family("sibyl_window_avg", [(node, 0.5)]),
                ])
        ])
        let store = fixture.archive.results
        let bySibyl = try await store.series(matching: [LabelMatcher("job", .equal, "sibyl")], adding: Self.defaults)
        #expect(
            bySibyl.map(\.labels) == [
                [
                    Label("__name__", "sibyl_slo_series"), Label("instance", "127.0.0.1:9798"), Label("job", "sibyl"),
                    Label("objective", "a"),
                ]
            ])
        #expect(try await store.series(matching: [LabelMatcher("job", .equal, "sibyl")]).isEmpty)
        let byNode = try await store.series(matching: [LabelMatcher("job", .equal, "node")], adding: Self.defaults)
        #expect(byNode.map(\.labels) == [[Label("__name__", "sibyl_window_avg")] + node.map { Label($0.0, $0.1) }])
        let everything = try await store.series(
            matching: [LabelMatcher("__name__", .regexMatch, "sibyl_.+")], adding: Self.defaults)
        #expect(everything.map(\.labels) == bySibyl.map(\.labels) + byNode.map(\.labels))
    }

    @Test("two archived series the default labels make equal are answered once: the one that carried the label")
    func defaultLabelsCollide() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        await fixture.write([
            CycleSnapshot(
                time: 60_000, duration: 0.5,
                families: [
                    try ArchiveFixture.family(
                        "sibyl_slo_series", [([("objective", "b")], 1), ([("job", "sibyl"), ("objective", "b")], 2)])
                ])
        ])
        let store = fixture.archive.results
        let name = LabelMatcher("__name__", .equal, "sibyl_slo_series")
        #expect(try await store.series(matching: [name]).count == 2)
        let found = try await store.series(matching: [name], adding: Self.defaults)
        #expect(found.count == 1)
        #expect(try await store.samples(of: found, in: 0...120_000).map { $0.map(\.value) } == [[2]])
    }
}
