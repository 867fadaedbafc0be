import Sibyl
import SibylTestSupport
import SibylWire
import Testing

struct ResultStoreSnapshotTests {
    @Test("a snapshot sees neither the cycles written after it nor retention's deletions; the archive sees both")
    func frozenView() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        try await fixture.write([
            ArchiveFixture.windowCycle(time: 1_000, series: 0..<3),
            ArchiveFixture.windowCycle(time: 2_000, series: 0..<3, base: 10),
        ])
        let snapshot = try fixture.archive.results.snapshot()
        // Retention runs at the first snapshot's time, 3 000: an age of 1.5 s deletes the cycle at 1 000.
        let statistics = try await fixture.write(
            [ArchiveFixture.windowCycle(time: 3_000, series: 0..<4, base: 20)],
            retention: ArchiveRetention(age: .init(milliseconds: 1_500)))
        #expect(statistics.cycles == 1)

        let live = fixture.archive.results
        #expect(try await live.evaluationCount(in: 0...10_000) == 2)
        #expect(try await snapshot.evaluationCount(in: 0...10_000) == 2)
        let name = LabelMatcher("__name__", .equal, "sibyl_window_avg")
        #expect(try await live.series(matching: [name]).count == 4)
        let frozenSeries = try await snapshot.series(matching: [name])
        #expect(frozenSeries.count == 3)
        let samples = try await snapshot.samples(of: frozenSeries, in: 0...10_000)
        #expect(samples.map { $0.map(\.timestamp) } == Array(repeating: [1_000, 2_000], count: 3))
        #expect(samples[0].map(\.value) == [0.25, 10.25])
        let liveSamples = try await live.samples(of: frozenSeries, in: 0...10_000)
        #expect(liveSamples.map { $0.map(\.timestamp) } == Array(repeating: [2_000, 3_000], count: 3))
    }
}
