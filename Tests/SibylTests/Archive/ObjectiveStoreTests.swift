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
}
