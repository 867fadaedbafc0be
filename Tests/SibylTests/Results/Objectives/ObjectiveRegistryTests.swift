import Foundation
import Logging
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

struct ObjectiveRegistryTests {
    static let windows = [3_600_000, 10_800_000].map(PrometheusDuration.init(milliseconds:))

    static func objective(_ name: String, max: Double = 1, windows: [String]? = nil) throws -> Objective {
        try Objective(
            name: name, selector: SeriesSelector(parsing: "up"), max: max,
            windows: windows?.map { try PrometheusDuration(parsing: $0) })
    }

    static func registry(
        _ archive: Archive, declared: [ObjectiveConfiguration] = [], logger: Logger = Logger(label: "test")
    ) throws -> ObjectiveRegistry {
        try ObjectiveRegistry(
            declared: declared, file: "sibyl.yml", store: archive.objectives, defaultWindows: windows, logger: logger)
    }

    @Test("the file wins over the archive for a name in both; API objectives survive a restart")
    func fileWinsAndRestart() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("sibyl.db").path
        do {
            let archive = try Archive(path: path)
            defer { try? archive.close() }
            let registry = try Self.registry(archive)
            #expect(try await registry.put(Self.objective("shared", max: 5)).0 == .created)
            #expect(try await registry.put(Self.objective("api-only", windows: ["1h"])).0 == .created)
            #expect(try await registry.put(Self.objective("api-only", max: 2)).0 == .replaced)
            #expect(registry.generation == 3)
        }
        let archive = try Archive(path: path)
        defer { try? archive.close() }
        let declared = ObjectiveConfiguration(try Self.objective("shared", max: 100), line: 42)
        let registry = try Self.registry(archive, declared: [declared])
        let current = registry.current
        #expect(current.generation == 0)
        #expect(current.objectives.map(\.name) == ["api-only", "shared"])
        #expect(registry.objective(named: "shared")?.objective.max == 100)
        #expect(registry.objective(named: "shared")?.origin == .file(path: "sibyl.yml", line: 42))
        #expect(registry.objective(named: "api-only")?.objective.max == 2)
        #expect(registry.objective(named: "api-only")?.origin == .api)
        #expect(registry.objective(named: "api-only")?.windows == Self.windows)
    }

    @Test("the file's objectives cannot be changed or deleted: the error names the file and line")
    func declaredIsReadOnly() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let archive = try Archive(path: directory.file("sibyl.db").path)
        defer { try? archive.close() }
        let registry = try Self.registry(archive, declared: [ObjectiveConfiguration(try Self.objective("f"), line: 7)])
        await #expect(throws: ObjectiveRegistryError.self) { try await registry.put(Self.objective("f", max: 9)) }
        do {
            try await registry.delete(named: "f")
            Issue.record("deleted the file's objective")
        } catch {
            #expect(error.code == .declaredInFile)
            #expect(error.message.contains("sibyl.yml:7"))
        }
        do {
            try await registry.delete(named: "none")
            Issue.record("deleted an unknown objective")
        } catch {
            #expect(error.code == .notFound)
        }
        let long = try Self.objective("long", windows: ["1d"])
        do {
            _ = try await registry.put(long)
            Issue.record("accepted a window longer than the longest evaluation window")
        } catch {
            #expect(error.code == .invalid)
            #expect(error.objectiveError?.field == "windows")
        }
        #expect(registry.generation == 0)
    }

    @Test("current gives the set and a generation that grows by one per committed change")
    func generations() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let archive = try Archive(path: directory.file("sibyl.db").path)
        defer { try? archive.close() }
        let registry = try Self.registry(archive)
        #expect(registry.current == ObjectiveSet(generation: 0, objectives: []))
        _ = try await registry.put(Self.objective("a"))
        #expect(registry.current.generation == 1)
        #expect(registry.current.objectives.map(\.name) == ["a"])
        try await registry.delete(named: "a")
        #expect(registry.current == ObjectiveSet(generation: 2, objectives: []))
    }

    @Test("a period longer than the retention: put refuses it naming period; a stored one loads with a warning")
    func periodAgainstRetention() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let archive = try Archive(path: directory.file("sibyl.db").path)
        defer { try? archive.close() }
        let long = try Objective(
            name: "long", selector: SeriesSelector(parsing: "up"), max: 1,
            budget: ObjectiveBudget(target: 0.9, period: PrometheusDuration(parsing: "10d")))
        let retention = try PrometheusDuration(parsing: "7d")
        let registry = try ObjectiveRegistry(
            declared: [], file: "sibyl.yml", store: archive.objectives, defaultWindows: Self.windows,
            retention: retention, logger: Logger(label: "test"))
        do {
            _ = try await registry.put(long)
            Issue.record("a 10d period was accepted under a 7d retention")
        } catch {
            #expect(error.code == .invalid)
            #expect(error.objectiveError?.field == "period")
            #expect(
                error.message == "period: 10d is longer than archive.retention (7d): the period's events would be "
                    + "deleted before it ends")
        }
        #expect(registry.current.objectives.isEmpty)
        // Stored before the retention was shortened: kept, with a warning.
        try await archive.objectives.save(long, at: 1)
        let recorder = LogRecorder()
        let restarted = try ObjectiveRegistry(
            declared: [], file: "sibyl.yml", store: archive.objectives, defaultWindows: Self.windows,
            retention: retention, logger: recorder.logger)
        #expect(restarted.objective(named: "long")?.objective == long)
        let warning = recorder.recorded.first { $0.message.description.contains("period is longer than") }
        #expect(warning?.level == .warning)
        #expect(warning?.metadata?["objective.name"] == "long")
    }
}
