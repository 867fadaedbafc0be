import Foundation
import GRDB
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

/// Values written when they change (`held_samples`) read back as if every cycle had written everything: remote
/// read, the JSON API, one cycle's snapshot and the `samples` view, for ranges that start between two computations,
/// cross a disappearance, a restart of the writer, or start at the oldest cycle retention kept.
struct ResultStoreHeldValuesTests {
    static let minute: Int64 = 60_000
    static let start: Int64 = 1_795_000_000_000
    static let cycles = 1...90
    /// The writer restarts before this cycle.
    static let restart = 46

    static func time(_ cycle: Int) -> Int64 { start + Int64(cycle) * minute }

    /// One cycle as `/metrics` shows it: window averages every cycle, an ADF statistic recomputed every 5th cycle
    /// (source b away in cycles 20–26 and back with the same value; source c's flipping between 0 and −0, and gone
    /// from cycle 70), a constant lag count, and source a's forecast every 3rd cycle (NaN and a stale marker in
    /// cycles 30–32) with a smoothing parameter away in cycles 46–49.
    static func cycle(_ cycle: Int) throws -> CycleSnapshot {
        var windows: [([(String, String)], Double)] = []
        var adf: [([(String, String)], Double)] = []
        var lags: [([(String, String)], Double)] = []
        for (index, source) in ["a", "b", "c"].enumerated() {
            let labels = [("instance", "\(source):9100"), ("metric", "node_load1")]
            windows.append((labels + [("window", "1h")], Double(cycle) + Double(index) * 0.5))
            lags.append((labels, 4))
            switch source {
            case "a": adf.append((labels, Double(cycle / 5 * 5) * 0.1))
            case "b" where !(20...26).contains(cycle): adf.append((labels, cycle < 40 ? -3.5 : -4.25))
            case "c" where cycle < 70: adf.append((labels, cycle % 10 < 5 ? 0.0 : -0.0))
            default: break
            }
        }
        let forecastLabels = [("horizon", "10m"), ("instance", "a:9100"), ("metric", "node_load1")]
        let forecast: Double =
            switch cycle {
            case 30, 31: .nan
            case 32: Double(bitPattern: 0x7ff0_0000_0000_0002)
            default: Double(cycle / 3) + 0.125
            }
        var families = [
            try ArchiveFixture.family("sibyl_window_avg", windows),
            try ArchiveFixture.family("sibyl_adf_statistic", adf),
            try ArchiveFixture.family("sibyl_adf_used_lags", lags),
            try ArchiveFixture.family("sibyl_forecast_avg", [(forecastLabels, forecast)]),
            try ArchiveFixture.family("sibyl_archive_cycles_total", kind: .counter, [([], Double(cycle))]),
        ]
        if !(46...49).contains(cycle) {
            families.append(
                try ArchiveFixture.family(
                    "sibyl_forecast_smoothing",
                    [([("instance", "a:9100"), ("metric", "node_load1"), ("parameter", "alpha")], 0.5)]))
        }
        return CycleSnapshot(time: time(cycle), duration: 0.5, families: families)
    }

    /// What every cycle writing everything gives over `cycles`: per label set (with `__name__`), `time=bits`.
    static func expected(_ cycles: ClosedRange<Int>) throws -> [String: [String]] {
        var expected: [String: [String]] = [:]
        for cycle in cycles {
            for family in try Self.cycle(cycle).families where ResultStore.isArchived(family.name.rawValue) {
                for sample in family.samples {
                    let labels = sample.labels.labels.map { "\($0.name)=\($0.value)" } + ["__name__=\(family.name)"]
                    expected[labels.sorted().joined(separator: ","), default: []].append(
                        "\(time(cycle))=\(String(sample.value.bitPattern, radix: 16))")
                }
            }
        }
        return expected
    }

    /// Remote read's answer over `range`, as ``expected(_:)`` gives it (series without samples left out).
    static func remoteRead(_ store: ResultStore, _ range: ClosedRange<Int64>) async throws -> [String: [String]] {
        let series = try await store.series(matching: [LabelMatcher("__name__", .regexMatch, "sibyl_.*")])
        let samples = try await store.samples(of: series, in: range)
        var answer: [String: [String]] = [:]
        for (entry, values) in zip(series, samples) where !values.isEmpty {
            answer[entry.labels.map { "\($0.name)=\($0.value)" }.sorted().joined(separator: ",")] = values.map {
                "\($0.timestamp)=\(String($0.value.bitPattern, radix: 16))"
            }
        }
        return answer
    }

    /// The JSON API's answer over `range`, walked in pages of 7 values, as ``expected(_:)`` gives it.
    static func json(_ store: ResultStore, _ range: ClosedRange<Int64>) async throws -> [String: [String]] {
        let query = ResultQuery(
            .results, selectors: [try SeriesSelector(parsing: "{__name__=~\"sibyl_.*\"}")], from: range.lowerBound,
            to: range.upperBound, limit: 7)
        guard case .results(let list) = try await ResultStoreQueryTests.walk(query, store, between: {}).answer else {
            return [:]
        }
        var answer: [String: [String]] = [:]
        for entry in list {
            answer[entry.metric.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: ","), default: []] +=
                entry.values.map { "\($0.time)=\(String($0.value.bitPattern, radix: 16))" }
        }
        return answer
    }

    /// Writes the cycles through two writers, the second starting at ``restart`` from what the file holds.
    static func written() async throws -> ArchiveFixture {
        let fixture = try ArchiveFixture()
        await fixture.write(try (cycles.lowerBound..<restart).map(cycle))
        await fixture.write(try (restart...cycles.upperBound).map(cycle))
        return fixture
    }

    /// The ranges compared: everything, a start between two computations, a disappearance, a start inside one,
    /// the restart, the hour's rewrite of a constant value, after a series ended; bounds between cycles too.
    static let ranges: [ClosedRange<Int64>] = [
        time(1)...time(90), time(12)...time(30), time(18)...time(30), time(23)...time(28), time(44)...time(52),
        time(62)...time(90), time(75)...time(90), (time(12) + 1)...(time(30) - 1), time(33)...time(33),
        0...(time(1) - 1),
    ]

    /// The cycles of `range`.
    static func cycles(in range: ClosedRange<Int64>) -> ClosedRange<Int>? {
        let inside = cycles.filter { range.contains(time($0)) }
        guard let first = inside.first, let last = inside.last else { return nil }
        return first...last
    }

    @Test("remote read and the JSON API answer what writing every value every cycle gives, for every range")
    func answersAsIfEveryCycleWroteEverything() async throws {
        let fixture = try await Self.written()
        defer { fixture.remove() }
        let store = fixture.archive.results
        for range in Self.ranges {
            let expected = try Self.cycles(in: range).map(Self.expected) ?? [:]
            #expect(try await Self.remoteRead(store, range) == expected, "remote read \(range)")
            #expect(try await Self.json(store, range) == expected, "JSON \(range)")
        }
    }

    @Test("each cycle's snapshot and the samples view read back every value the cycle showed")
    func snapshotsAndViews() async throws {
        let fixture = try await Self.written()
        defer { fixture.remove() }
        for cycle in Self.cycles {
            let read = try #require(try fixture.archive.results.snapshot(at: Self.time(cycle)))
            let shown = try Self.cycle(cycle).families.filter { ResultStore.isArchived($0.name.rawValue) }
                .sorted { $0.name.rawValue < $1.name.rawValue }
                .map { family in
                    var family = family
                    family.samples.sort { $0.labels < $1.labels }
                    return family
                }
            #expect(ResultStoreTests.describe(read.families) == ResultStoreTests.describe(shown), "cycle \(cycle)")
        }
        let viewCount = try await fixture.archive.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM samples") ?? 0
        }
        #expect(viewCount == (try Self.expected(Self.cycles).values.reduce(0) { $0 + $1.count }))
        let series = try await fixture.archive.results.series(
            matching: [LabelMatcher("__name__", .regexMatch, "sibyl_.*")])
        let range = Self.time(1)...Self.time(90)
        #expect(
            try ResultStoreRemoteReadTests.viewSamples(fixture.archive.pool, series.map(\.id), in: range)
                == (try await fixture.archive.results.samples(of: series, in: range)))
    }

    @Test("a value is written when it changes, when its series comes back, and once an hour; an end when it goes")
    func writesChangesOnly() async throws {
        let fixture = try await Self.written()
        defer { fixture.remove() }
        let rows = try fixture.archive.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.metric, json_extract(s.labels, '$.instance') AS instance, e.time_ms, h.value
                    FROM held_samples h JOIN series s ON s.id = h.series_id JOIN evaluations e ON e.id = h.evaluation_id
                    ORDER BY 1, 2, 3
                    """)
        }
        func written(_ metric: String, _ instance: String) -> [String] {
            rows.filter { ($0[0] as String) == metric && ($0[1] as String?) == instance }.map { row in
                let value: DatabaseValue = row[3]
                return "\((row[2] as Int64 - Self.start) / Self.minute)" + (value.isNull ? " end" : "")
            }
        }
        // The lag count: at the first cycle and an hour later, nothing else.
        #expect(written("sibyl_adf_used_lags", "a:9100") == ["1", "61"])
        // Source b: its value, the end of its absence, its return with the same value, its change at cycle 40.
        #expect(written("sibyl_adf_statistic", "b:9100") == ["1", "20 end", "27", "40"])
        // Source c: 0 and −0 differ bit for bit; the end when it goes.
        #expect(
            written("sibyl_adf_statistic", "c:9100") == ["1"] + stride(from: 5, through: 65, by: 5).map(String.init) + [
                "70 end"
            ])
        // The smoothing parameter ends at the restart: the second writer knew the file held it.
        #expect(written("sibyl_forecast_smoothing", "a:9100") == ["1", "46 end", "50"])
        #expect(rows.count(where: { ($0[0] as String) == "sibyl_window_avg" }) == 0)
    }

    @Test("retention keeps a value computed before the oldest cycle it keeps, and the answers stay the same")
    func retentionKeepsHeldValues() async throws {
        let fixture = try await Self.written()
        defer { fixture.remove() }
        let store = fixture.archive.results
        // Cycles before 41 go: the lag count written at cycle 1 still holds until 61.
        let outcome = try await store.applyRetention(
            ArchiveRetention(age: .init(milliseconds: 50 * Self.minute - 1)), now: Self.time(90))
        #expect(outcome.evaluations == 40)
        for range in [Self.time(1)...Self.time(90), Self.time(41)...Self.time(60), Self.time(45)...Self.time(47)] {
            let expected = try Self.cycles(in: range).map { try Self.expected(max(41, $0.lowerBound)...$0.upperBound) }
            #expect(try await Self.remoteRead(store, range) == expected, "remote read \(range)")
            #expect(try await Self.json(store, range) == expected, "JSON \(range)")
        }
        #expect(try fixture.archive.integrityCheck() == "ok")
        // A writer started now reads what the file holds: the next cycle writes only what changed.
        await fixture.write([try Self.cycle(91)])
        #expect(
            try await Self.remoteRead(store, Self.time(41)...Self.time(91)) == (try Self.expected(41...91)))
    }
}
