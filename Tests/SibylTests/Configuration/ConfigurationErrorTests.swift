import Sibyl
import Testing

struct ConfigurationErrorTests {
    @Test("describes itself as file:line:column: message, or file: message for the whole file")
    func description() {
        let positioned = ConfigurationError(.unknownKey, file: "sibyl.yml", line: 7, column: 5, message: "unknown key")
        #expect(positioned.description == "sibyl.yml:7:5: unknown key")
        let whole = ConfigurationError(.unreadableFile, file: "sibyl.yml", line: 0, column: 0, message: "no such file")
        #expect(whole.description == "sibyl.yml: no such file")
        #expect(whole.shortDescription == "unreadable_file")
    }

    @Test("a list is ordered by line and column, and describes one error per line")
    func ordering() {
        let errors = ConfigurationErrors([
            ConfigurationError(.invalidValue, file: "f", line: 9, column: 1, message: "c"),
            ConfigurationError(.invalidValue, file: "f", line: 2, column: 8, message: "b"),
            ConfigurationError(.invalidValue, file: "f", line: 2, column: 3, message: "a"),
            ConfigurationError(.missingKey, file: "f", line: 2, column: 3, message: "a2"),
        ])
        #expect(errors.errors.map(\.message) == ["a", "a2", "b", "c"])
        #expect(errors.description == "f:2:3: a\nf:2:3: a2\nf:2:8: b\nf:9:1: c")
    }

    @Test(
        "a selector's error column follows its quoting back to the file",
        arguments: [
            ("  - up{job=~\"a\" x}", 17),  // plain: "x" is column 13 of the selector, which starts at column 5
            ("  - '{job=''it''s'' x}'", 17),  // single quotes: "s" is column 10 of {job='it's' x}, each '' one quote
            ("  - \"{job=\\\"a\\\", x}\"", 5),  // double quotes with escapes: the selector's start
            ("  -     '{job=\"a\" x}'", 19),
        ])
    func selectorColumn(line: String, column: Int) throws {
        do {
            _ = try SibylConfiguration(
                yaml: "source: {url: 'http://p/api/v1/read'}\nselectors:\n\(line)\n", file: "t.yml")
            Issue.record("expected an error")
        } catch {
            #expect(error.errors.map(\.line) == [3])
            #expect(error.errors.map(\.column) == [column])
            #expect(error.errors.map(\.code) == [.invalidSelector])
        }
    }
}
