import Foundation
import Sibyl
import SibylTestSupport
import Testing

struct AdminTokenTests {
    @Test("the file wins over the environment; the environment is used without a file; neither means none")
    func sources() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("token")
        try Data("from-file\n".utf8).write(to: file)
        let environment = [AdminToken.environmentVariable: "from-env"]
        let fromFile = try #require(try AdminToken.load(file: file.path, environment: environment))
        #expect(fromFile.source == .file(file.path))
        #expect(fromFile.token.matches("from-file"))
        #expect(!fromFile.token.matches("from-env"))
        let fromEnvironment = try #require(try AdminToken.load(file: nil, environment: environment))
        #expect(fromEnvironment.source == .environment)
        #expect(fromEnvironment.token.matches("from-env"))
        #expect(try AdminToken.load(file: nil, environment: [:]) == nil)
        #expect(try AdminToken.load(file: nil, environment: [AdminToken.environmentVariable: " \n"]) == nil)
    }

    @Test("a configured file that is missing, empty or too large is an error naming it")
    func badFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let empty = directory.file("empty")
        try Data("\n".utf8).write(to: empty)
        let large = directory.file("large")
        try Data(repeating: 0x61, count: AdminToken.maximumFileSize + 1).write(to: large)
        for path in [directory.file("missing").path, empty.path, large.path] {
            do {
                _ = try AdminToken.load(file: path, environment: [AdminToken.environmentVariable: "x"])
                Issue.record("\(path) gave a token")
            } catch {
                #expect(error.description.hasPrefix("\(path): "))
            }
        }
    }

    @Test("matching is exact", arguments: [("abc", true), ("abd", false), ("ab", false), ("abcd", false), ("", false)])
    func matching(candidate: String, matches: Bool) throws {
        let token = try #require(AdminToken("abc"))
        #expect(token.matches(candidate) == matches)
    }
}
