import Foundation
import SibylTestSupport
import Testing

/// The oracle suites take their cases from the fixtures' index, so a lost index or case file must fail a test
/// that names it rather than leave a suite with nothing to check.
struct OracleFixtureTests {
    /// The public cases the repository ships.
    static let publicIDs = [
        "all_zeros_720", "ar1_phi050_720", "ar1_phi095_2160", "constant_720", "counter_packets_8640",
        "cpu_like_8640", "disk_bytes_1e12_2160", "gaps_jitter_720", "latency_seconds_720", "linear_trend_720",
        "memory_bytes_8640", "random_walk_2160", "short_30", "sine_p12_2160", "sine_p5_720", "very_short_12",
        "white_noise_720",
    ]

    /// The listed files of `entries` stored neither plain nor gzipped in any of `folders`.
    static func missingFiles(of entries: [OracleIndex.Entry], in folders: [URL]) -> [String] {
        entries.map { "oracle/cases/\($0.fileName)" }.filter { path in
            !folders.contains { folder in
                [path, path + ".gz"].contains {
                    FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
                }
            }
        }
    }

    @Test("the repository's index lists exactly the 17 public cases, and each one's file is there")
    func repositoryIndex() throws {
        let entries = try OracleIndex.entries(in: [Fixtures.bundled])
        #expect(entries.map(\.id).sorted() == Self.publicIDs)
        let missing = Self.missingFiles(of: entries, in: [Fixtures.bundled])
        #expect(missing.isEmpty, "missing under Tests/Fixtures: \(missing.joined(separator: ", "))")
    }

    @Test("the suites run exactly the indexed cases, and every listed file is there under its id")
    func suitesRunTheIndexedCases() throws {
        // `SIBYL_FIXTURES_DIR` may hold more cases than the public ones: this checks whichever index is in force.
        let entries = try OracleIndex.entries()
        #expect(OracleCase.publicIDs == entries.map(\.id))
        #expect(ForecastOracleCase.publicIDs == entries.map(\.id))
        let missing = Self.missingFiles(of: entries, in: Fixtures.folders)
        #expect(missing.isEmpty, "missing: \(missing.joined(separator: ", "))")
        for entry in entries where entry.fileName != "\(entry.id).json" {
            Issue.record("\(entry.id) is listed as \(entry.fileName), but cases load from \(entry.id).json")
        }
    }

    @Test("a missing fixture's error names the file")
    func missingFileIsNamed() throws {
        let error = #expect(throws: FixtureError.self) { try Fixtures.data("oracle/cases/no_such_case.json") }
        #expect(error?.description.contains("oracle/cases/no_such_case.json") == true, "\(String(describing: error))")
        let caseError = #expect(throws: FixtureError.self) { try OracleCase.load("no_such_case") }
        #expect(caseError?.description.contains("oracle/cases/no_such_case.json") == true)
    }

    @Test("an unreadable index fails naming it")
    func unreadableIndexIsNamed() throws {
        let directory = try TemporaryDirectory(prefix: "sibyl-fixtures")
        defer { directory.remove() }
        let error = #expect(throws: FixtureError.self) { try OracleIndex.entries(in: [directory.url]) }
        #expect(error?.description.contains("oracle/cases/index.json") == true, "\(String(describing: error))")
        #expect(throws: FixtureError.self) { try OracleIndex.caseData(OracleIndex.unreadableID) }
    }

    @Test("a file reads the same stored plain or gzipped, the plain one first; a .gz asked for by name stays as it is")
    func plainAndGzippedForms() throws {
        let directory = try TemporaryDirectory(prefix: "sibyl-fixtures")
        defer { directory.remove() }
        let stored = Fixtures.bundled.appendingPathComponent("oracle/cases/very_short_12.json.gz")
        let gzipped = try Data(contentsOf: stored)
        let plain = try Fixtures.data("oracle/cases/very_short_12.json", in: [Fixtures.bundled])
        #expect(plain.first == UInt8(ascii: "{"))
        try gzipped.write(to: directory.file("zipped.json.gz"))
        try plain.write(to: directory.file("plain.json"))
        try Data("plain wins".utf8).write(to: directory.file("both.json"))
        try gzipped.write(to: directory.file("both.json.gz"))

        #expect(try Fixtures.data("zipped.json", in: [directory.url]) == plain)
        #expect(try Fixtures.data("plain.json", in: [directory.url]) == plain)
        #expect(try Fixtures.data("both.json", in: [directory.url]) == Data("plain wins".utf8))
        #expect(try Fixtures.data("zipped.json.gz", in: [directory.url]) == gzipped)
        // An override folder comes first; what it lacks comes from the next folder.
        #expect(try Fixtures.data("oracle/mackinnon.json", in: [directory.url, Fixtures.bundled]).isEmpty == false)
        let error = #expect(throws: FixtureError.self) { try Fixtures.data("absent.json", in: [directory.url]) }
        #expect(error?.description.contains("absent.json") == true)
    }
}
