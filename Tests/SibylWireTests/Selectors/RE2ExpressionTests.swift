import Testing

@testable import SibylWire

/// RE2 as label matchers use it: linear time, Prometheus' anchoring, UTF-8, and its own errors.
struct RE2ExpressionTests {
    static let long = String(repeating: "a", count: 20_000)

    @Test(
        "nested repetitions that make a backtracking engine run for minutes match long values in linear time",
        arguments: [
            ("(.*)*Q", long, false), ("(.*)*Q", long + "Q", true), ("(a*)*b", long, false), ("(a|a)*b", long, false),
            ("(a|aa)+$x", long, false), ("(x+x+)+y", String(repeating: "x", count: 20_000), false),
            ("((a?){30}){30}", String(repeating: "a", count: 900), true), ("(.*)*Q", long + "\nQ", false),
        ]
    )
    func linearTime(_ pattern: String, _ value: String, _ expected: Bool) {
        #expect(LabelMatcher("a", .regexMatch, pattern).matches(value) == expected)
        #expect(LabelMatcher("a", .regexNoMatch, pattern).matches(value) != expected)
    }

    @Test(
        "a matcher matches the whole value, as Prometheus anchors it (^(?:re)$)",
        arguments: [
            ("b", "abc", false), ("abc", "abc", true), ("a|b", "ab", false), ("a|b", "b", true), ("^a$", "a", true),
            ("a.", "abc", false), (".*b.*", "abc", true), ("$a", "a", false), ("", "", true), ("", "a", false),
        ]
    )
    func anchoring(_ pattern: String, _ value: String, _ expected: Bool) {
        #expect(LabelMatcher("a", .regexMatch, pattern).matches(value) == expected)
    }

    @Test(
        "`.` stops at a newline unless (?s), as Go's regexp under Prometheus' ^(?:re)$",
        arguments: [
            (".*", "a\nb", false), ("(?s).*", "a\nb", true), ("(?s:.)", "\n", true), ("a.b", "a\rb", true),
            ("(?m)a$\\n", "a\n", true), ("[^x]", "\n", true),
        ]
    )
    func newline(_ pattern: String, _ value: String, _ expected: Bool) {
        #expect(LabelMatcher("a", .regexMatch, pattern).matches(value) == expected)
    }

    @Test(
        "values are UTF-8: `.` is one scalar, classes and escapes name scalars",
        arguments: [
            (".", "\u{E9}", true), (".", "e\u{301}", false), ("..", "e\u{301}", true), (".", "\u{1F600}", true),
            ("\\x{1F600}", "\u{1F600}", true), ("[\u{E0}-\u{FF}]+", "\u{E9}\u{E8}", true),
            ("\\p{Greek}+", "\u{3B1}\u{3B2}", true),
            ("\\w", "\u{E9}", false), ("(?i)\u{C9}", "\u{E9}", true), ("\\xE9", "\u{E9}", true),
        ]
    )
    func utf8(_ pattern: String, _ value: String, _ expected: Bool) {
        #expect(LabelMatcher("a", .regexMatch, pattern).matches(value) == expected)
    }

    @Test("RE2's own error for a pattern it does not compile")
    func compileError() {
        #expect {
            try RE2Expression("a(b")
        } throws: { error in
            (error as? RE2Expression.CompileError)?.description == "missing ): a(b"
        }
        #expect(throws: RE2Expression.CompileError.self) { try RE2Expression("(?<=a)b") }
        #expect((try? RE2Expression("a\u{0}b"))?.matches("a\u{0}b") == true, "a NUL is a character, not the end")
    }

    @Test("one compiled expression matches from many tasks at once")
    func concurrentMatching() async throws {
        let expression = try RE2Expression("^(?:(.*)*Q)$")
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<8 {
                group.addTask { expression.matches(Self.long + (index.isMultiple(of: 2) ? "Q" : "")) }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 4)
    }
}
