import SibylWire
import Testing

struct CompiledLabelMatcherTests {
    static let values = ["", "x", "y", "ab", "abc", "dev", "device", "10.0.3.4", "10a0.3.4", "é", "e\u{301}", "("]

    @Test(
        "decides every value as LabelMatcher.matches does",
        arguments: [
            LabelMatcher("a", .equal, "x"), LabelMatcher("a", .equal, ""), LabelMatcher("a", .notEqual, "x"),
            LabelMatcher("a", .notEqual, ""), LabelMatcher("a", .regexMatch, "a|ab"),
            LabelMatcher("a", .regexMatch, ".*"),
            LabelMatcher("a", .regexMatch, "10\\.0\\..*"), LabelMatcher("a", .regexMatch, "(?i)AB"),
            LabelMatcher("a", .regexNoMatch, "dev|test"), LabelMatcher("a", .regexNoMatch, ".+"),
            LabelMatcher("a", .regexMatch, "\\x{e9}"),
        ])
    func agreesWithLabelMatcher(_ matcher: LabelMatcher) throws {
        let compiled = try CompiledLabelMatcher(matcher)
        #expect(compiled.matcher == matcher)
        for value in Self.values {
            #expect(compiled.matches(value) == matcher.matches(value), "\(matcher) on \(String(reflecting: value))")
        }
    }

    @Test("a regular expression that does not compile is refused, naming the label and the expression")
    func invalidRegex() {
        for kind in [LabelMatcher.Kind.regexMatch, .regexNoMatch] {
            do {
                _ = try CompiledLabelMatcher(LabelMatcher("job", kind, "a(b"))
                Issue.record("compiled \"a(b\"")
            } catch {
                #expect(error.code == .invalidRegex)
                #expect(error.column == 6)
                #expect(error.message.hasPrefix(#"invalid regular expression "a(b" for label "job": "#), "\(error)")
            }
        }
        #expect((try? CompiledLabelMatcher(LabelMatcher("job", .equal, "a(b"))) != nil, "= takes any text")
    }
}
