import Foundation
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

struct ArchiveTests {
    static func objective(_ name: String, max: Double = 1) throws -> Objective {
        try Objective(name: name, selector: SeriesSelector(parsing: "up{job=\"\(name)\"}"), max: max)
    }

    @Test("a new file gets the schema and WAL files; objectives survive closing and reopening")
    func survivesReopen() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("sibyl.db").path
        let archive = try Archive(path: path)
        let full = try Objective(
            name: "full", selector: SeriesSelector(parsing: #"rate_me{a=~"x|y"}"#), min: -1.5, max: 2.25,
            transform: .rate, windows: [PrometheusDuration(parsing: "30m"), PrometheusDuration(parsing: "2h")],
            description: "every field, with a \"quote\"")
        #expect(try await archive.objectives.save(full, at: 1))
        #expect(try await archive.objectives.save(Self.objective("b"), at: 2))
        #expect(try await !archive.objectives.save(Self.objective("b", max: 3), at: 3))
        #expect(try await archive.objectives.delete(named: "b"))
        #expect(try await !archive.objectives.delete(named: "b"))
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        try archive.close()

        let reopened = try Archive(path: path)
        defer { try? reopened.close() }
        let loaded = try reopened.objectives.loadAll()
        #expect(loaded.objectives == [full])
        #expect(loaded.invalid.isEmpty)
    }

    @Test("a missing folder, a directory or a file that is not SQLite is an error naming the path")
    func openErrors() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = directory.file("nope/sibyl.db").path
        #expect(throws: ArchiveError.self) { try Archive(path: missing) }
        do {
            _ = try Archive(path: missing)
        } catch {
            #expect(error.description.hasPrefix("archive \(missing): "))
            #expect(error.description.contains("no folder"))
        }
        #expect(throws: ArchiveError.self) { try Archive(path: directory.url.path) }
        let garbage = directory.file("garbage.db")
        try Data(repeating: 0x41, count: 4096).write(to: garbage)
        do {
            _ = try Archive(path: garbage.path)
            Issue.record("a file that is not SQLite opened")
        } catch {
            #expect(error.description.hasPrefix("archive \(garbage.path): "))
        }
    }
}
