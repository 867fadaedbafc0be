import Foundation
import GRDB
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

struct ResultStoreTests {
    /// Values whose bits must survive: NaNs with payloads (Prometheus' NaN, the stale marker, a negative one),
    /// ±Inf, ±0, the extremes, integers and a fraction.
    static let values: [Double] = [
        Double(bitPattern: 0x7ff8_0000_0000_0001), Double(bitPattern: 0x7ff0_0000_0000_0002),
        Double(bitPattern: 0xfff8_0000_0000_0123), .nan, .infinity, -.infinity, -0.0, 0, .leastNonzeroMagnitude,
        -.greatestFiniteMagnitude, 720, 9_007_199_254_740_992, 0.1,
    ]

    /// A cycle with every kind of result family, awkward label values, and self-monitoring families.
    static func fullCycle(time: Int64) throws -> CycleSnapshot {
        let source = [("metric", "node_filesystem_avail_bytes"), ("instance", "a:9100"), ("mountpoint", "/")]
        let awkward = [("metric", "odd"), ("path", "C:\\dir \"quoted\"\nnext"), ("name", "ünïcode ✓ \u{1}")]
        let window = try ArchiveFixture.family(
            "sibyl_window_max",
            values.enumerated().map { index, value in
                (source + [("window", "\(index)h")], value)
            } + [(awkward + [("window", "1h")], 3)])
        let families = [
            window,
            try ArchiveFixture.family(
                "sibyl_adf_critical_value", [(source + [("level", "1%")], -3.5), (source + [("level", "5%")], -2.9)]),
            try ArchiveFixture.family("sibyl_stationary", [(source, 1)]),
            try ArchiveFixture.family("sibyl_acf", [(source + [("lag", "1")], 0.5), (source + [("lag", "2")], -0.25)]),
            try ArchiveFixture.family("sibyl_seasonal_component", [(source + [("phase", "0")], 1.5)]),
            try ArchiveFixture.family("sibyl_forecast_smoothing", [(source + [("parameter", "level")], 0.3)]),
            try ArchiveFixture.family("sibyl_forecast_avg", [(source + [("horizon", "10m")], 42)]),
            try ArchiveFixture.family("sibyl_slo_max", [([("objective", "disk")], 100)]),
            try ArchiveFixture.family(
                "sibyl_slo_violations", [(source + [("objective", "disk"), ("window", "1h")], 2)]),
            try ArchiveFixture.family("sibyl_evaluations_total", kind: .counter, [([], 7)]),
            try ArchiveFixture.family("sibyl_series", [([], 3)]),
            try ArchiveFixture.family("sibyl_source_up", [([], 1)]),
            try ArchiveFixture.family("sibyl_build_info", [([("version", "1")], 1)]),
            try ArchiveFixture.family("sibyl_last_evaluation_timestamp_seconds", [([], 1)]),
            try ArchiveFixture.family("sibyl_analysis_runs_total", kind: .counter, [([("analysis", "adf")], 1)]),
            try ArchiveFixture.family("sibyl_archive_cycles_total", kind: .counter, [([], 1)]),
            try ArchiveFixture.family("custom_untyped", kind: .untyped, help: "An untyped family.", [([], 5)]),
        ]
        return CycleSnapshot(time: time, duration: 0.125, status: "ok", families: families)
    }

    static func describe(_ families: [MetricFamily]) -> [String] {
        families.flatMap { family in
            ["\(family.name.rawValue) \(family.kind.rawValue) \(family.help)"]
                + family.samples.map { "  \($0.labels) \(String($0.value.bitPattern, radix: 16))" }
        }
    }

    /// A text column, `-` for NULL.
    static func text(_ value: DatabaseValue) -> String { String.fromDatabaseValue(value) ?? "-" }

    @Test("a cycle reads back exactly: names, types, help, labels and every value bit for bit")
    func roundTrip() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let written = try Self.fullCycle(time: 1_700_000_000_000)
        let statistics = await fixture.write([written, try Self.fullCycle(time: 1_700_000_060_000)])
        #expect(statistics.cycles == 2)
        #expect(statistics.errors.isEmpty)

        let read = try #require(try fixture.archive.results.snapshot(at: written.time))
        #expect(read.time == written.time)
        #expect(read.duration == 0.125)
        #expect(read.status == "ok")
        let expected = written.families.filter { ResultStore.isArchived($0.name.rawValue) }
            .sorted { $0.name.rawValue < $1.name.rawValue }
            .map { family in
                MetricFamily(
                    name: family.name, kind: family.kind, help: family.help,
                    samples: family.samples.sorted { $0.labels < $1.labels })
            }
        #expect(Self.describe(read.families) == Self.describe(expected))
        #expect(read.families.map(\.name.rawValue).allSatisfy { !$0.hasPrefix("sibyl_evaluation") })
        #expect(read.families.count == 10)
        #expect(try fixture.archive.results.snapshot(at: 5) == nil)
        #expect(try fixture.archive.results.evaluationTimes() == [1_700_000_000_000, 1_700_000_060_000])
    }

    @Test("values are stored bit-exact: a REAL for numbers (−0 keeps its sign), the bits of a NaN as an INTEGER")
    func rawStorage() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        await fixture.write([try Self.fullCycle(time: 1000)])
        let rows = try fixture.archive.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT typeof(v.value) AS type, v.value FROM samples v JOIN series s ON s.id = v.series_id
                    WHERE s.metric = 'sibyl_window_max' AND json_extract(s.labels, '$.metric') != 'odd'
                    ORDER BY CAST(json_extract(s.labels, '$.window') AS INTEGER)
                    """)
        }
        #expect(rows.count == Self.values.count)
        for (row, value) in zip(rows, Self.values) {
            let type: String = row["type"]
            #expect(type == (value.isNaN ? "integer" : "real"), "\(value)")
            #expect(ResultStore.value(row["value"])?.bitPattern == value.bitPattern, "\(value)")
        }
    }

    @Test("the views split each kind of result by the labels Sibyl adds; a NaN reads as NULL")
    func views() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        await fixture.write([try Self.fullCycle(time: 60_000)])
        let pool = fixture.archive.pool
        let windows = try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT time_ms, statistic, source_metric, window, source_labels, value FROM window_statistics
                    WHERE window IN ('0h', '4h', '10h') ORDER BY window
                    """)
        }
        #expect(windows.count == 3)
        #expect(windows.map { $0["statistic"] as String } == ["max", "max", "max"])
        #expect(windows.map { $0["window"] as String } == ["0h", "10h", "4h"])
        #expect(windows[0]["value"] as Double? == nil)
        #expect(windows[1]["value"] as Double? == 720)
        #expect(windows[2]["value"] as Double? == .infinity)
        #expect(windows[0]["time_ms"] as Int64 == 60_000)
        #expect(windows[0]["source_metric"] as String == "node_filesystem_avail_bytes")
        #expect(
            windows[0]["source_labels"] as String
                == #"{"instance":"a:9100","metric":"node_filesystem_avail_bytes","mountpoint":"/"}"#)

        let kinds = try pool.read { db in
            try [
                "stationarity": Row.fetchAll(db, sql: "SELECT quantity, level, value FROM stationarity ORDER BY 1, 2"),
                "autocorrelation": Row.fetchAll(db, sql: "SELECT lag, value FROM autocorrelation ORDER BY lag"),
                "seasonality": Row.fetchAll(db, sql: "SELECT quantity, phase, value FROM seasonality"),
                "forecasts": Row.fetchAll(
                    db, sql: "SELECT quantity, horizon, parameter, value FROM forecasts ORDER BY 1"),
                "objectives": Row.fetchAll(db, sql: "SELECT quantity, objective, value FROM objectives"),
                "objective_status": Row.fetchAll(
                    db, sql: "SELECT quantity, objective, source_metric, window, bound, value FROM objective_status"),
            ]
        }
        #expect(
            kinds["stationarity"]?.map { "\($0[0] as String):\(Self.text($0[1])):\($0[2] as Double)" } == [
                "critical_value:1%:-3.5", "critical_value:5%:-2.9", "stationary:-:1.0",
            ])
        #expect(kinds["autocorrelation"]?.map { "\($0[0] as Int):\($0[1] as Double)" } == ["1:0.5", "2:-0.25"])
        #expect(
            kinds["seasonality"]?.map { "\($0[0] as String):\($0[1] as Int):\($0[2] as Double)" } == ["component:0:1.5"]
        )
        #expect(
            kinds["forecasts"]?.map { "\($0[0] as String):\(Self.text($0[1])):\(Self.text($0[2]))" } == [
                "avg:10m:-", "smoothing:-:level",
            ])
        #expect(
            kinds["objectives"]?.map { "\($0[0] as String):\($0[1] as String):\($0[2] as Double)" } == [
                "max:disk:100.0"
            ])
        #expect(
            kinds["objective_status"]?.map {
                "\($0[0] as String):\($0[1] as String):\($0[2] as String):\($0[3] as String):\(Self.text($0[4]))"
            } == ["violations:disk:node_filesystem_avail_bytes:1h:-"])
        let everything = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM results") }
        #expect(everything == Self.values.count + 1 + 11)
    }

    @Test("a new file gets incremental auto-vacuum, and every view of the schema exists")
    func newFileSchema() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let (mode, views) = try await fixture.archive.pool.read { db in
            (
                try Int.fetchOne(db, sql: "PRAGMA auto_vacuum"),
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name")
            )
        }
        #expect(mode == 2)
        #expect(views == (ArchiveSchema.resultViews + ["samples", "exact_samples", "held_values"]).sorted())
        #expect(try fixture.archive.integrityCheck() == "ok")
    }

    @Test("a file from before the archive (v1, auto_vacuum NONE) keeps its objectives and is vacuumed once")
    func upgradesVersionOne() async throws {
        let directory = try TemporaryDirectory(prefix: "sibyl-archive-v1")
        defer { directory.remove() }
        let path = directory.file("sibyl.db").path
        do {
            let queue = try DatabaseQueue(path: path)
            try ArchiveSchema.migrator.migrate(queue, upTo: "v1-objectives")
            try await queue.write { db in
                try db.execute(
                    sql: "INSERT INTO objective (name, selector, max, updated_at) VALUES ('kept', 'up', 1, 1)")
            }
            #expect(try await queue.read { db in try Int.fetchOne(db, sql: "PRAGMA auto_vacuum") } == 0)
            try queue.close()
        }
        let archive = try Archive(path: path)
        defer { try? archive.close() }
        #expect(try await archive.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA auto_vacuum") } == 2)
        #expect(try archive.objectives.loadAll().objectives.map(\.name) == ["kept"])
        #expect(try archive.results.evaluationTimes().isEmpty)
    }
}
