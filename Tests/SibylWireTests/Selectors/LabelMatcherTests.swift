import SibylWire
import Testing

struct LabelMatcherTests {
    @Test(
        "matches values as Prometheus does",
        arguments: [
            (LabelMatcher("a", .equal, "x"), "x", true),
            (LabelMatcher("a", .equal, "x"), "", false),
            (LabelMatcher("a", .equal, ""), "", true),
            (LabelMatcher("a", .equal, "é"), "e\u{301}", false),
            (LabelMatcher("a", .notEqual, "x"), "y", true),
            (LabelMatcher("a", .notEqual, "x"), "x", false),
            (LabelMatcher("a", .regexMatch, "a|ab"), "ab", true),
            (LabelMatcher("a", .regexMatch, "a|ab"), "abc", false),
            (LabelMatcher("a", .regexMatch, "b"), "abc", false),
            (LabelMatcher("a", .regexMatch, ".*"), "", true),
            (LabelMatcher("a", .regexMatch, "10\\.0\\..*"), "10.0.3.4", true),
            (LabelMatcher("a", .regexMatch, "10\\.0\\..*"), "10a0.3.4", false),
            (LabelMatcher("a", .regexMatch, "x$|y"), "y", true),
            (LabelMatcher("a", .regexMatch, "("), "(", false),
            (LabelMatcher("a", .regexNoMatch, "dev|test"), "prod", true),
            (LabelMatcher("a", .regexNoMatch, "dev|test"), "dev", false),
            (LabelMatcher("a", .regexNoMatch, "dev"), "device", true),
            (LabelMatcher("a", .regexNoMatch, "("), "(", true),
        ]
    )
    func matches(_ matcher: LabelMatcher, _ value: String, _ expected: Bool) {
        #expect(matcher.matches(value) == expected)
    }

    @Test("renders PromQL text")
    func rendersText() {
        #expect(LabelMatcher("job", .equal, "node").description == #"job="node""#)
        #expect(LabelMatcher("job", .regexNoMatch, #"a\b"c"#).description == #"job!~"a\\b\"c""#)
        #expect(LabelMatcher("service.name", .equal, "api").description == #""service.name"="api""#)
        #expect(LabelMatcher("", .notEqual, "").description == #"""!="""#)
        #expect(LabelMatcher("_a1", .equal, "x").description == #"_a1="x""#)
        #expect(LabelMatcher.Kind.allCases.map(\.symbol) == ["=", "!=", "=~", "!~"])
    }
}
