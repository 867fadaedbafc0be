import Foundation
import GRDB
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

struct ObjectiveStoreTests {
    @Test("an objective's divide_by is stored and read back")
    func storesDivideBy() async throws {
        let directory = try TemporaryDirectory(prefix: "sibyl-objective-store")
        defer { directory.remove() }
        let path = directory.file("sibyl.db").path
        let ratio = try Objective(
            name: "memory", selector: SeriesSelector(parsing: "node_memory_MemAvailable_bytes"), min: 0.1,
            divideBy: SeriesSelector(parsing: #"node_memory_MemTotal_bytes{job="node"}"#), description: "a share")
        do {
            let archive = try Archive(path: path)
            defer { try? archive.close() }
            #expect(try await archive.objectives.save(ratio, at: 1))
        }
        let reopened = try Archive(path: path)
        defer { try? reopened.close() }
        let loaded = try reopened.objectives.loadAll()
        #expect(loaded.objectives == [ratio])
        #expect(loaded.invalid.isEmpty)
    }

    @Test("an archive from before divide_by (schema v4) loads its objectives, without a divisor")
    func loadsAnArchiveWithoutDivideBy() async throws {
        let directory = try TemporaryDirectory(prefix: "sibyl-objective-store-v4")
        defer { directory.remove() }
        let path = directory.file("sibyl.db").path
        do {
            let queue = try DatabaseQueue(path: path)
            try ArchiveSchema.migrator.migrate(queue, upTo: "v4-histogram-view")
            try await queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO objective (name, selector, min, transform, updated_at)
                        VALUES ('old', 'node_disk_written_bytes_total', 0, 'rate', 1)
                        """)
            }
            #expect(
                try await queue.read { db in try db.columns(in: "objective").map(\.name) }.contains("divide_by")
                    == false)
            try queue.close()
        }
        let archive = try Archive(path: path)
        defer { try? archive.close() }
        let loaded = try archive.objectives.loadAll()
        #expect(loaded.invalid.isEmpty)
        let old = try #require(loaded.objectives.first)
        #expect(old.name == "old")
        #expect(old.transform == .rate)
        #expect(old.divideBy == nil)
    }

    @Test("ratio and latency objectives' target, period, indicator and by, and a range budget, are stored and read")
    func storesBudgets() async throws {
        let directory = try TemporaryDirectory(prefix: "sibyl-objective-store-budget")
        defer { directory.remove() }
        let path = directory.file("sibyl.db").path
        let ratio = try Objective.decode(json: Data(ObjectiveDocumentTests.ratioBody.utf8))
        let good = try Objective.decode(
            json: Data(#"{"name":"good","ratio":{"good":"ok_total","total":"all_total"},"target":0.99}"#.utf8))
        let range = try Objective(
            name: "hot", selector: SeriesSelector(parsing: "temp_celsius"), max: 80,
            budget: ObjectiveBudget(target: 0.9, period: PrometheusDuration(parsing: "36h")))
        let latency = try Objective.decode(json: Data(ObjectiveDocumentTests.latencyBody.utf8))
        do {
            let archive = try Archive(path: path)
            defer { try? archive.close() }
            for objective in [ratio, good, range, latency] {
                #expect(try await archive.objectives.save(objective, at: 1))
            }
            let columns = try archive.objectives.writer.read { db in
                try Row.fetchOne(db, sql: #"SELECT target, period, ratio, "by" FROM objective WHERE name = 'api'"#)
            }
            #expect(columns?["target"] == 0.999)
            #expect(columns?["period"] == "7d")
            #expect(
                columns?["ratio"]
                    == #"{"errors":"http_requests_total{code=~\"5..\"}","total":"http_requests_total"}"#)
            #expect(columns?["by"] == #"["job"]"#)
            let latencyColumn = try await archive.objectives.writer.read { db in
                try String.fetchOne(db, sql: "SELECT latency FROM objective WHERE name = 'slow'")
            }
            #expect(
                latencyColumn == #"{"histogram":"http_request_duration_seconds{job=\"api\"}","threshold":0.3}"#)
        }
        let reopened = try Archive(path: path)
        defer { try? reopened.close() }
        let loaded = try reopened.objectives.loadAll()
        #expect(loaded.invalid.isEmpty)
        #expect(loaded.objectives == [ratio, good, range, latency])
        #expect(loaded.objectives.first?.budget?.period == (try PrometheusDuration(parsing: "7d")))
    }

    @Test("a v9 archive upgrades to v10: its objectives are kept as they were, and a ratio objective then fits")
    func upgradesV9Archive() async throws {
        let directory = try TemporaryDirectory(prefix: "sibyl-objective-store-v9")
        defer { directory.remove() }
        let path = directory.file("sibyl.db").path
        do {
            let queue = try DatabaseQueue(path: path)
            try ArchiveSchema.migrator.migrate(queue, upTo: "v9-objective-events")
            try await queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO objective (name, selector, min, max, transform, divide_by, windows, description,
                                               updated_at)
                        VALUES ('memory', 'node_memory_MemAvailable_bytes', 0.1, NULL, NULL,
                                'node_memory_MemTotal_bytes', '1h,3h', 'a share', 5),
                               ('writes', 'node_disk_written_bytes_total', NULL, 5e7, 'rate', NULL, NULL, NULL, 6)
                        """)
            }
            let columns = try await queue.read { db in try db.columns(in: "objective").map(\.name) }
            #expect(!columns.contains("target"))
            try queue.close()
        }
        let archive = try Archive(path: path)
        defer { try? archive.close() }
        let loaded = try archive.objectives.loadAll()
        #expect(loaded.invalid.isEmpty)
        #expect(
            loaded.objectives == [
                try Objective(
                    name: "memory", selector: SeriesSelector(parsing: "node_memory_MemAvailable_bytes"), min: 0.1,
                    divideBy: SeriesSelector(parsing: "node_memory_MemTotal_bytes"),
                    windows: [PrometheusDuration(parsing: "1h"), PrometheusDuration(parsing: "3h")],
                    description: "a share"),
                try Objective(
                    name: "writes", selector: SeriesSelector(parsing: "node_disk_written_bytes_total"), max: 5e7,
                    transform: .rate),
            ])
        let updatedAt = try await archive.objectives.writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT updated_at FROM objective ORDER BY name")
        }
        #expect(updatedAt == [5, 6])
        // v1's CHECK (min or max) is gone: a ratio objective, which has neither, is stored.
        let ratio = try Objective.decode(json: Data(ObjectiveDocumentTests.ratioBody.utf8))
        #expect(try await archive.objectives.save(ratio, at: 7))
        #expect(try archive.objectives.loadAll().objectives.map(\.name) == ["api", "memory", "writes"])
    }

    @Test("a row whose ratio or by column is not valid is reported apart, naming the field")
    func invalidBudgetRows() async throws {
        let directory = try TemporaryDirectory(prefix: "sibyl-objective-store-invalid")
        defer { directory.remove() }
        let archive = try Archive(path: directory.file("sibyl.db").path)
        defer { try? archive.close() }
        try await archive.objectives.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO objective (name, selector, ratio, target, "by", updated_at) VALUES
                      ('broken', 't', '{"errors":', 0.9, NULL, 1),
                      ('nototal', 't', '{"errors":"e"}', 0.9, NULL, 1),
                      ('badby', 't', '{"errors":"e","total":"t"}', 0.9, '"job"', 1)
                    """)
        }
        let loaded = try archive.objectives.loadAll()
        #expect(loaded.objectives.isEmpty)
        #expect(loaded.invalid.map(\.name) == ["badby", "broken", "nototal"])
        #expect(loaded.invalid.map(\.error.field) == ["by", "ratio", "ratio.total"])
    }
}
