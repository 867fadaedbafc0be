import Foundation
import GRDB
import SibylAnalysis
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

/// The forecast scorecard kept in the archive (`forecast_pending`, `forecast_scores`): written in the cycles'
/// transactions, read back at start into a scorecard that shows the same families to the bit and goes on scoring
/// the forecasts it kept.
struct ResultStoreForecastScoresTests {
    typealias Fixture = ForecastScorecardTests
    static let settings = ForecastScorecard.Settings(
        scoringWindow: 3_600_000,
        horizons: [ForecastHorizon(label: "10s", steps: 1), ForecastHorizon(label: "30s", steps: 3)])
    static let start = Fixture.start

    /// Archives one cycle at `time` through a writer that takes `scorecard`'s journal, then stops.
    static func archive(_ scorecard: ForecastScorecard, at time: Int64, into archive: Archive) async throws {
        let writer = ArchiveWriter(
            archive: archive, retention: ArchiveRetention(age: .init(milliseconds: .max)),
            logger: ArchiveFixture.quiet, scorecard: scorecard, now: { time })
        let family = try ArchiveFixture.family("sibyl_window_avg", [([("metric", "requests"), ("window", "1h")], 1)])
        writer.submit(CycleSnapshot(time: time, duration: 0.1, families: [family]))
        writer.finish()
        await writer.run()
        #expect(writer.statistics.cycles == 1)
        #expect(writer.statistics.errors.isEmpty)
    }

    /// The rows of a table.
    static func count(_ table: String, in archive: Archive) throws -> Int {
        try archive.results.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }

    static func text(_ families: [MetricFamily]) throws -> String {
        try ExpositionWriter().renderString(families)
    }

    /// The samples up to +40 s.
    static var early: SeriesStore { Fixture.store([0, 0, 10.15, 10.42, 9.9]) }

    /// Two forecasts of one series whose errors are not exact in binary, scored at +40 s: the first at both
    /// horizons, the second at 10 s only.
    /// - Returns: the journaled scorecard and its families at +40 s as text.
    static func scored() throws -> (scorecard: ForecastScorecard, text: String) {
        let scorecard = ForecastScorecard(settings: settings, journaled: true)
        scorecard.issue([Fixture.forecast(lastTime: start + 10_000, [10.1, 10.2, 10.3], half: 0.25, scale: 0.3)])
        scorecard.issue([Fixture.forecast(lastTime: start + 20_000, [11.1, 9.7, 10.9], half: 2, scale: nil)])
        return (scorecard, try text(scorecard.families(early, at: start + 40_000)))
    }

    @Test("a scorecard archived and restored from the file shows the same families, and scores the kept forecast")
    func restoredScorecard() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let (scorecard, before) = try Self.scored()
        let mae = ["metric": "requests", "job": "api", "horizon": "30s", "measure": "mae"]
        let first = try #require(ExposedSample.find(in: before, "sibyl_forecast_error", mae).first?.value)
        #expect(before.contains("horizon=\"10s\""))
        try await Self.archive(scorecard, at: Self.start + 40_000, into: fixture.archive)
        #expect(try Self.count("forecast_pending", in: fixture.archive) == 1)
        #expect(try Self.count("forecast_scores", in: fixture.archive) == 3)
        try fixture.archive.close()

        let reopened = try Archive(path: fixture.path)
        defer { try? reopened.close() }
        let restored = try ForecastScorecard.restored(
            from: reopened.results, settings: Self.settings, now: Self.start + 40_000)
        #expect(try Self.text(restored.families(Self.early, at: Self.start + 40_000)) == before)
        // The second forecast's 30 s horizon passes: both scorecards score it alike.
        let later = Fixture.store([0, 0, 10.15, 10.42, 9.9, 10.7])
        let scored = try Self.text(scorecard.families(later, at: Self.start + 50_000))
        #expect(try Self.text(restored.families(later, at: Self.start + 50_000)) == scored)
        let pooled = try #require(ExposedSample.find(in: scored, "sibyl_forecast_error", mae).first?.value)
        #expect(pooled != first)
        // Its row is let go with the next cycle.
        try await Self.archive(restored, at: Self.start + 50_000, into: reopened)
        #expect(try Self.count("forecast_pending", in: reopened) == 0)
        #expect(try Self.count("forecast_scores", in: reopened) == 4)
    }

    @Test("the rows leave with the scoring window, and retention deletes those older than its age")
    func pruned() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let scorecard = try Self.scored().scorecard
        try await Self.archive(scorecard, at: Self.start + 40_000, into: fixture.archive)
        #expect(try Self.count("forecast_scores", in: fixture.archive) == 3)
        try await fixture.archive.results.applyRetention(
            ArchiveRetention(age: .init(milliseconds: 60_000)), now: Self.start + 95_000)
        // The scores that ended at +20 s and +30 s are older than a minute before +95 s; the one that ended at
        // +40 s and the forecast whose path ends at +50 s are not.
        #expect(try Self.count("forecast_scores", in: fixture.archive) == 1)
        #expect(try Self.count("forecast_pending", in: fixture.archive) == 1)
        // The scoring window after the last horizon ended: nothing is left, in memory or in the file.
        let late = Self.start + 50_000 + Self.settings.scoringWindow
        #expect(scorecard.families(Self.early, at: late).allSatisfy { $0.name.rawValue.hasPrefix("sibyl_anomaly") })
        try await Self.archive(scorecard, at: late, into: fixture.archive)
        #expect(try Self.count("forecast_scores", in: fixture.archive) == 0)
        #expect(try Self.count("forecast_pending", in: fixture.archive) == 0)
    }

    @Test("a v10 archive upgrades to v11: its objective events are kept, and the forecast tables start empty")
    func upgradesV10Archive() async throws {
        let directory = try TemporaryDirectory(prefix: "sibyl-forecast-scores-v10")
        defer { directory.remove() }
        let path = directory.file("sibyl.db").path
        do {
            let queue = try DatabaseQueue(path: path)
            try ArchiveSchema.migrator.migrate(queue, upTo: "v10-objective-budgets")
            try await queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO objective_events (objective, labels, time_ms, good, total)
                        VALUES ('hot', '{"__name__":"up"}', 5, 3, 4)
                        """)
            }
            #expect(try await queue.read { db in try !db.tableExists("forecast_scores") })
            try queue.close()
        }
        let archive = try Archive(path: path)
        defer { try? archive.close() }
        #expect(try archive.results.objectiveEvents(after: 0).map(\.events) == [SLIEvents(good: 3, total: 4)])
        let record = try archive.results.forecastRecord(after: .min)
        #expect(record.pending.isEmpty && record.scored.isEmpty)
        try await archive.results.appendForecastChanges(try Self.scored().scorecard.takeJournal())
        #expect(try archive.results.forecastRecord(after: .min).scored.count == 3)
    }
}
