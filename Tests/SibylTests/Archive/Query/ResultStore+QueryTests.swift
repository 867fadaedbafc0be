import Foundation
import GRDB
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

struct ResultStoreQueryTests {
    typealias Series = QueryFixture.Series

    /// A results query of selectors over cycles `range`.
    static func results(
        _ selectors: [String], kind: ResultKind? = nil, _ range: ClosedRange<Int>, limit: Int = 100_000
    ) throws -> ResultQuery {
        ResultQuery(
            .results, selectors: try selectors.map { try SeriesSelector(parsing: $0) }, kind: kind,
            from: QueryFixture.time(range.lowerBound), to: QueryFixture.time(range.upperBound), limit: limit)
    }

    @Test(
        "each kind gives exactly the archived values of the range, bit for bit, ends included",
        arguments: ResultKind.allCases)
    func everyKind(kind: ResultKind) async throws {
        let fixture = try await QueryFixture.make()
        defer { fixture.remove() }
        let page = try await fixture.store.answer(try Self.results(QueryFixture.everything, kind: kind, 2...7))
        let expected = QueryFixture.expected(QueryFixture.everything(of: kind), 2...7)
        #expect(!expected.isEmpty)
        #expect(bits(page.answer) == bits(.results(expected)))
        #expect(page.next == nil)
    }

    @Test("a selector with a quoted UTF-8 label name picks the archived series that carries it, name intact")
    func utf8LabelName() async throws {
        let fixture = try await QueryFixture.make()
        defer { fixture.remove() }
        let page = try await fixture.store.answer(try Self.results([#"{"service.name"="api"}"#], 0...11))
        let expected = QueryFixture.expected({ $0.metric["service.name"] == "api" }, 0...11)
        #expect(expected.count == 1)
        #expect(bits(page.answer) == bits(.results(expected)))
    }

    @Test("window statistics come back from their shared rows: NaN bits, whole and fractional counts, a NaN count")
    func windowRows() async throws {
        let fixture = try await QueryFixture.make()
        defer { fixture.remove() }
        let stored = try await DatabaseQueue(path: fixture.path).read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM window_samples WHERE typeof(min) = 'integer'") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM window_samples WHERE typeof(samples) = 'integer'") ?? 0,
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM point_samples p JOIN series s ON s.id = p.series_id
                        WHERE s.metric = 'sibyl_window_samples'
                        """) ?? 0
            )
        }
        #expect(stored.0 == 1, "one NaN minimum, stored as its bits")
        #expect(stored.1 == QueryFixture.cycles - 4, "whole counts as integers")
        #expect(stored.2 == 1, "the NaN count in point_samples")
        let query = try Self.results(["node_load1{instance=\"a:9100\", window=\"1h\"}"], kind: .stats, 0...11)
        let page = try await fixture.store.answer(query)
        let expected = QueryFixture.expected(
            {
                $0.name.hasPrefix("sibyl_window_") && $0.metric["metric"] == "node_load1"
                    && $0.metric["instance"] == "a:9100" && $0.metric["window"] == "1h"
            },
            0...11)
        #expect(expected.count == 4)
        #expect(bits(page.answer) == bits(.results(expected)))
    }

    /// A selector case: the selectors, the kind, and which fixture series they select.
    struct Case: Sendable, CustomStringConvertible {
        var selectors: [String]
        var kind: ResultKind?
        var selects: @Sendable (Series) -> Bool
        var description: String { selectors.joined(separator: " or ") + " kind \(kind?.rawValue ?? "any")" }
    }

    static let cases: [Case] = [
        Case(selectors: ["node_load1"], kind: .stats) {
            $0.name.hasPrefix("sibyl_window_") && $0.metric["metric"] == "node_load1"
        },
        Case(selectors: ["node_load1{instance=\"a:9100\"}"], kind: .stats) {
            $0.name.hasPrefix("sibyl_window_") && $0.metric["metric"] == "node_load1"
                && $0.metric["instance"] == "a:9100"
        },
        Case(selectors: ["node_load1{window=\"1h\"}"], kind: .stats) {
            $0.name.hasPrefix("sibyl_window_") && $0.metric["metric"] == "node_load1" && $0.metric["window"] == "1h"
        },
        Case(selectors: ["{instance=~\"a:.*\"}"], kind: nil) { $0.metric["instance"] == "a:9100" },
        Case(selectors: ["{__name__=~\"node_.*\", instance!~\"[ab]:9100\"}"], kind: nil) {
            $0.metric["instance"] == "c,\"q\""
        },
        Case(selectors: ["node_load1"], kind: .acf) { $0.name == "sibyl_acf" },
        Case(selectors: ["node_load1"], kind: .stationarity) {
            $0.name.hasPrefix("sibyl_adf_") || $0.name == "sibyl_stationary"
        },
        Case(selectors: ["node_load1"], kind: .seasonality) { $0.name.hasPrefix("sibyl_seasonal_") },
        Case(selectors: ["node_load1"], kind: .forecast) { $0.name == "sibyl_forecast_avg" },
        Case(selectors: ["{objective=\"load\"}"], kind: .objectives) { $0.name.hasPrefix("sibyl_slo_") },
        Case(selectors: ["node_load1"], kind: .objectives) { $0.name == "sibyl_slo_violations" },
        Case(selectors: ["sibyl_window_max"], kind: nil) { $0.name == "sibyl_window_max" },
        Case(selectors: ["sibyl_window_max{metric=\"node_load1\", instance!=\"b:9100\"}"], kind: .stats) {
            $0.name == "sibyl_window_max" && $0.metric["instance"] != "b:9100"
        },
        Case(selectors: ["{__name__=~\"sibyl_window_.*\", instance=\"b:9100\"}"], kind: nil) {
            $0.metric["instance"] == "b:9100"
        },
        Case(selectors: ["sibyl_window_max"], kind: .acf) { _ in false },
        Case(selectors: ["sibyl_slo_min"], kind: nil) { $0.name == "sibyl_slo_min" },
        Case(selectors: ["node_load1{instance=\"b:9100\"}", "node_memory_MemFree_bytes"], kind: .stats) {
            $0.metric["instance"] == "b:9100" || $0.metric["metric"] == "node_memory_MemFree_bytes"
        },
        Case(selectors: ["node_load2"], kind: nil) { _ in false },
    ]

    @Test("a selector's name is the source metric, or a derived name when it starts with sibyl_", arguments: cases)
    func selectorSemantics(_ test: Case) async throws {
        let fixture = try await QueryFixture.make(cycles: 3)
        defer { fixture.remove() }
        let results = try await fixture.store.answer(try Self.results(test.selectors, kind: test.kind, 0...2))
        #expect(bits(results.answer) == bits(.results(QueryFixture.expected(test.selects, 0...2))))
        var listing = ResultQuery(.series, selectors: try test.selectors.map { try SeriesSelector(parsing: $0) })
        listing.kind = test.kind
        let series = try await fixture.store.answer(listing)
        #expect(bits(series.answer) == bits(.series(QueryFixture.series.filter(test.selects).map(\.metric))))
    }

    @Test("evaluations: the cycles of the range, oldest first, with duration and status")
    func evaluations() async throws {
        let fixture = try await QueryFixture.make()
        defer { fixture.remove() }
        let page = try await fixture.store.answer(
            ResultQuery(.evaluations, from: QueryFixture.time(3) - 1, to: QueryFixture.time(5)))
        #expect(
            page.answer
                == .evaluations(
                    (3...5).map {
                        ArchivedEvaluation(
                            time: QueryFixture.time($0), durationSeconds: 0.25 + Double($0), status: "ok")
                    }))
        let none = try await fixture.store.answer(ResultQuery(.evaluations, from: 0, to: QueryFixture.time(0) - 1))
        #expect(none.answer == .evaluations([]))
        #expect(none.next == nil)
    }

    /// Walks every page of `query`, writing `between` after the first page.
    static func walk(
        _ query: ResultQuery, _ store: ResultStore, between: () async throws -> Void
    ) async throws -> (answer: QueryAnswer, pages: Int) {
        var query = query
        var answer: QueryAnswer?
        var pages = 0
        while true {
            let page = try await store.answer(query)
            pages += 1
            #expect(page.answer.rowCount <= query.limit)
            answer = answer.map { $0.appending(page.answer) } ?? page.answer
            if pages == 1 { try await between() }
            guard let next = page.next else { break }
            query = try ResultQuery(query.endpoint, parameters: parameters(query) + [("next", next)], now: 0)
        }
        return (answer ?? .series([]), pages)
    }

    /// The API parameters of a query (without a token).
    static func parameters(_ query: ResultQuery) -> [(name: String, value: String)] {
        var list = query.selectors.map { (name: "match[]", value: $0.description) }
        if let kind = query.kind { list.append(("kind", kind.rawValue)) }
        list.append(("limit", "\(query.limit)"))
        return list
    }

    @Test(
        "walking the pages gives the one-page answer, while cycles and new series are written",
        arguments: [1, 3, 7, 10])
    func paging(limit: Int) async throws {
        let fixture = try await QueryFixture.make()
        defer { fixture.remove() }
        let late = QueryFixture.time(20)
        let queries = [
            ResultQuery(
                .results, selectors: [try SeriesSelector(parsing: "{job=~\".+\"}")], from: QueryFixture.time(1),
                to: late),
            ResultQuery(.series, selectors: [try SeriesSelector(parsing: "{__name__=~\".+\"}")]),
            ResultQuery(.evaluations, from: QueryFixture.time(1), to: late),
        ]
        var written = 12
        for var query in queries {
            let whole = try await fixture.store.answer(query)
            #expect(whole.next == nil)
            #expect(whole.answer.rowCount > limit)
            query.limit = limit
            let (walked, pages) = try await Self.walk(query, fixture.store) {
                let extra = try ArchiveFixture.windowCycle(
                    time: QueryFixture.time(written + 1), series: 0..<3, prefix: "late-\(written)")
                await fixture.archive.write([try QueryFixture.cycle(written), extra])
                written += 2
            }
            #expect(bits(walked) == bits(whole.answer), "\(query.endpoint)")
            #expect(
                pages == (whole.answer.rowCount + limit - 1) / limit, "\(query.endpoint): a last page is never empty")
            let after = try await fixture.store.answer(
                ResultQuery(query.endpoint, selectors: query.selectors, from: query.from, to: query.to))
            #expect(after.answer.rowCount > whole.answer.rowCount, "the writes fall in the range but not in the walk")
        }
    }

    @Test("a read-only store gives the same answers; a missing file or a non-archive is a clear error")
    func readOnly() async throws {
        let fixture = try await QueryFixture.make(cycles: 4)
        defer { fixture.remove() }
        let store = try ResultStore.openReadOnly(path: fixture.path)
        let query = try Self.results(["{job=\"node\"}"], 0...3)
        #expect(bits(try await store.answer(query).answer) == bits(try await fixture.store.answer(query).answer))
        let missing = fixture.archive.directory.file("none.db").path
        #expect(throws: ArchiveError(.cannotOpen, path: missing, "no such file")) {
            _ = try ResultStore.openReadOnly(path: missing)
        }
        #expect(!FileManager.default.fileExists(atPath: missing))
        let text = fixture.archive.directory.file("notes.txt").path
        try Data("not a database, just some words that are long enough to fill a header\n".utf8).write(
            to: URL(fileURLWithPath: text))
        #expect(throws: ArchiveError(.cannotOpen, path: text, "not a Sibyl archive: file is not a database")) {
            _ = try ResultStore.openReadOnly(path: text)
        }
        let other = fixture.archive.directory.file("other.db").path
        try await DatabaseQueue(path: other).write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        #expect(
            throws: ArchiveError(
                .cannotOpen, path: other, "not a Sibyl archive: no evaluations and series tables")
        ) {
            _ = try ResultStore.openReadOnly(path: other)
        }
        let old = fixture.archive.directory.file("old.db").path
        try await DatabaseQueue(path: old).write { db in
            try db.execute(sql: "CREATE TABLE evaluations (id); CREATE TABLE series (id); CREATE TABLE samples (x)")
        }
        #expect(
            throws: ArchiveError(
                .cannotOpen, path: old,
                "the archive was written by an older Sibyl: let this version's `sibyl run` open it once to upgrade it")
        ) {
            _ = try ResultStore.openReadOnly(path: old)
        }
    }
}
