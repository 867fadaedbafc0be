import SibylWire
import Testing

/// Label-matcher regular expressions against Go's `regexp` (Go 1.19, `^(?:re)$`), the engine Prometheus uses:
/// the expected matches and errors below were recorded from Go, not written by hand.
struct RE2TranslatorTests {
    /// Values every pattern is tried on.
    static let commonValues: [String] = [
        "", "a", "ab", "abc", "A", "\n", "\r", "a\nb", "a\rb", "0", "12", "\u{663}", "\u{E9}", "e\u{301}", " ", "\t",
        "_", "{", "a{,3}", "aaa", "x",
    ]

    /// A pattern, values tried on it besides the common ones, and the values Go matched.
    static let matching: [(String, [String], [String])] = [
        ("a", [], ["a"]),
        ("a|ab", [], ["a", "ab"]),
        ("ab|a", [], ["a", "ab"]),
        ("a.b", ["a\u{2028}b", "a\u{85}b", "a\u{0}b"], ["a\rb", "a\u{2028}b", "a\u{85}b", "a\u{0}b"]),
        (
            ".*", [],
            [
                "", "a", "ab", "abc", "A", "\r", "a\rb", "0", "12", "\u{663}", "\u{E9}", "e\u{301}", " ", "\t", "_",
                "{", "a{,3}", "aaa", "x",
            ]
        ),
        (
            ".+", [],
            [
                "a", "ab", "abc", "A", "\r", "a\rb", "0", "12", "\u{663}", "\u{E9}", "e\u{301}", " ", "\t", "_", "{",
                "a{,3}", "aaa", "x",
            ]
        ),
        ("(?s)a.b", [], ["a\nb", "a\rb"]),
        ("(?s:.)b|a.b", ["\nb"], ["ab", "a\rb", "\nb"]),
        ("a(?s).", [], ["ab"]),
        ("(a(?s).)|.b", ["\nb", "a\n"], ["ab", "a\n"]),
        ("^a$", ["a\n"], ["a"]),
        ("(?m)a$\\n?", ["a\n"], ["a", "a\n"]),
        ("a$|b", [], ["a"]),
        ("(?m)^a|b", [], ["a"]),
        ("\\d+", ["\u{663}\u{664}"], ["0", "12"]),
        ("\\D", [], ["a", "A", "\n", "\r", "\u{663}", "\u{E9}", " ", "\t", "_", "{", "x"]),
        ("\\s", ["\u{B}", "\u{C}", "\u{A0}", "\u{2028}"], ["\n", "\r", " ", "\t", "\u{C}"]),
        (
            "\\S+", [],
            ["a", "ab", "abc", "A", "0", "12", "\u{663}", "\u{E9}", "e\u{301}", "_", "{", "a{,3}", "aaa", "x"]
        ),
        ("\\w+", ["\u{E9}", "a_1"], ["a", "ab", "abc", "A", "0", "12", "_", "aaa", "x", "a_1"]),
        ("\\W", [], ["\n", "\r", "\u{663}", "\u{E9}", " ", "\t", "{"]),
        ("[\\d]", [], ["0"]),
        ("[^\\d]", [], ["a", "A", "\n", "\r", "\u{663}", "\u{E9}", " ", "\t", "_", "{", "x"]),
        ("[\\D]", [], ["a", "A", "\n", "\r", "\u{663}", "\u{E9}", " ", "\t", "_", "{", "x"]),
        ("[^\\D]", [], ["0"]),
        ("[a\\s]", [], ["a", "\n", "\r", " ", "\t"]),
        ("[^\\W\\d]", [], ["a", "A", "_", "x"]),
        ("[[:alpha:]]+", ["\u{E9}", "Ab"], ["a", "ab", "abc", "A", "aaa", "x", "Ab"]),
        ("[[:^alpha:]]", [], ["\n", "\r", "0", "\u{663}", "\u{E9}", " ", "\t", "_", "{"]),
        ("[[:space:]]", ["\u{B}", "\u{A0}"], ["\n", "\r", " ", "\t", "\u{B}"]),
        ("[[:punct:]]", ["!", "~", "`", "@", "\u{E9}"], ["_", "{", "!", "~", "`", "@"]),
        ("[[:word:]]+", [], ["a", "ab", "abc", "A", "0", "12", "_", "aaa", "x"]),
        ("[[:xdigit:]]+", ["fF09", "g"], ["a", "ab", "abc", "A", "0", "12", "aaa", "fF09"]),
        ("[[a]]", ["[]", "a]"], ["[]", "a]"]),
        ("[a-]", ["-"], ["a", "-"]),
        ("[-a]", ["-"], ["a", "-"]),
        ("[]a]", ["]"], ["a", "]"]),
        ("[^]a]", ["]", "b"], ["A", "\n", "\r", "0", "\u{663}", "\u{E9}", " ", "\t", "_", "{", "x", "b"]),
        ("[a-c]+", ["abc", "d"], ["a", "ab", "abc", "aaa", "abc"]),
        ("[a&&b]", ["&", "b"], ["a", "&", "b"]),
        ("[a~~b]", ["~"], ["a", "~"]),
        ("[\\x41-\\x43]", ["B"], ["A", "B"]),
        ("x{,3}", [], []),
        ("a{2}", [], []),
        ("a{2,}", [], ["aaa"]),
        ("a{1,2}", [], ["a"]),
        ("a{01}", ["a{01}"], ["a{01}"]),
        ("a{1000}", [], []),
        ("a{,}", ["a{,}"], ["a{,}"]),
        ("a{x}", ["a{x}"], ["a{x}"]),
        ("a*?", [], ["", "a", "aaa"]),
        ("a+?b", ["aab"], ["ab", "aab"]),
        ("(?P<n>a)", [], ["a"]),
        ("(?P<n>a)(?P<n>b)", [], ["ab"]),
        ("(?i)a", [], ["a", "A"]),
        ("(?i)\u{C9}", [], ["\u{E9}"]),
        ("(?i:a)b", ["Ab", "AB"], ["ab", "Ab"]),
        ("a(?i)b", ["aB", "AB"], ["ab", "aB"]),
        ("(?-i)a", [], ["a"]),
        ("(?)a", [], ["a"]),
        ("(?U)a+", [], ["a", "aaa"]),
        ("(?i)[a-c]", ["B"], ["a", "A", "B"]),
        ("\\12", ["\n"], ["\n", "\n"]),
        ("\\101", [], ["A"]),
        ("\\0", ["\u{0}"], ["\u{0}"]),
        ("\\x41", [], ["A"]),
        ("\\x{41}", [], ["A"]),
        ("\\pL", [], ["a", "A", "\u{E9}", "x"]),
        ("\\p{L}+", [], ["a", "ab", "abc", "A", "\u{E9}", "aaa", "x"]),
        ("\\p{Greek}", ["\u{3B1}"], ["\u{3B1}"]),
        ("\\p{^Greek}", ["\u{3B1}"], ["a", "A", "\n", "\r", "0", "\u{663}", "\u{E9}", " ", "\t", "_", "{", "x"]),
        ("\\P{L}", [], ["\n", "\r", "0", "\u{663}", " ", "\t", "_", "{"]),
        ("\\p{Any}", [], ["a", "A", "\n", "\r", "0", "\u{663}", "\u{E9}", " ", "\t", "_", "{", "x"]),
        ("\\p{Lu}", [], ["A"]),
        ("[\\p{Lu}\\d]", [], ["A", "0"]),
        ("\\Qa.b\\E", ["a.b", "axb"], ["a.b"]),
        ("\\Qab\\E*", ["abbb", "abab"], ["a", "ab", "abbb"]),
        ("\\.", ["."], ["."]),
        ("\\ba\\b", [], ["a"]),
        ("a\\Bb", [], ["ab"]),
        ("\\Aa\\z", [], ["a"]),
        ("10\\.0\\..*", ["10.0.3.4", "10a0.3.4"], ["10.0.3.4"]),
        ("node|prom.*", ["prometheus"], ["prometheus"]),
        ("(?i)ERROR|warn", ["error", "WARN"], ["error", "WARN"]),
        ("[^/]+/[0-9]+", ["a/12", "a/b/1"], ["a/12"]),
        ("\u{E9}+", ["\u{E9}\u{E9}", "e\u{301}"], ["\u{E9}", "\u{E9}\u{E9}"]),
        ("\u{65E5}\u{672C}.", ["\u{65E5}\u{672C}\u{8A9E}"], ["\u{65E5}\u{672C}\u{8A9E}"]),
        ("(a|b)*c", ["ababc"], ["abc", "ababc"]),
        ("()", [], [""]),
        ("a||b", [], ["", "a"]),
        ("#a b", ["#a b"], ["#a b"]),
        ("a)|(b", ["axx", "xxb", "xx"], ["a", "ab", "abc", "a\nb", "a\rb", "a{,3}", "aaa", "axx", "xxb"]),
        ("a)(b", [], ["ab"]),
        ("\\Q)|(\\E", [")|("], [")|("]),
        ("(?i)\\p{Lu}", [], ["a", "A", "\u{E9}", "x"]),
        ("(?i)[[:upper:]]", [], ["a", "A", "x"]),
        ("\\p{Old_Italic}", ["\u{10300}"], ["\u{10300}"]),
        ("\\p{Han}+", ["\u{65E5}\u{672C}"], ["\u{65E5}\u{672C}"]),
        ("[\\p{^L}]", [], ["\n", "\r", "0", "\u{663}", " ", "\t", "_", "{"]),
        ("\\P{^L}", [], ["a", "A", "\u{E9}", "x"]),
        ("a{0}", [], [""]),
        ("(?i)stra\u{DF}e", ["STRASSE", "STRA\u{DF}E"], ["STRA\u{DF}E"]),
        ("[^a]", [], ["A", "\n", "\r", "0", "\u{663}", "\u{E9}", " ", "\t", "_", "{", "x"]),
        ("[^\\n]", [], ["a", "A", "\r", "0", "\u{663}", "\u{E9}", " ", "\t", "_", "{", "x"]),
        ("a.c", ["a\u{1F600}c"], ["abc", "a\u{1F600}c"]),
        (
            "(?s).", ["\u{1F600}"],
            ["a", "A", "\n", "\r", "0", "\u{663}", "\u{E9}", " ", "\t", "_", "{", "x", "\u{1F600}"]
        ),
        ("(?m)^$", [], [""]),
        ("\\x{1F600}", ["\u{1F600}"], ["\u{1F600}"]),
        ("[\\x{1F600}-\\x{1F64F}]", ["\u{1F610}"], ["\u{1F610}"]),
        ("\\000", [], []),
        ("[\\0]", [], []),
        ("((a{10}){10}){10}", [], []),
        ("(a{1000}){0}", [], [""]),
        ("(a{2}){500}", [], []),
        ("(a{3}){333}", [], []),
        ("(a{1,}){1000}", [], []),
        ("(a{2,}){500}", [], []),
        ("(a|b{1000})(c){2}", [], []),
        ("((a{500})b){2}", [], []),
    ]

    /// Patterns Go rejects.
    static let rejected: [String] = [
        "[[:foo:]]",
        "[c-a]",
        "[a--b]",
        "a{2,1}",
        "a{1001}",
        "a**",
        "a++",
        "a*??",
        "a{2}{3}",
        "a?+",
        "(?=a)a",
        "(?!b)a",
        "(?<=a)b",
        "(?>a)",
        "(?<n>a)",
        "(?P=n)",
        "(?#c)a",
        "(?x)a",
        "(?i-)a",
        "(?-)a",
        "\\1",
        "(a)\\1",
        "\\8",
        "\\x{110000}",
        "\\x4",
        "\\u0041",
        "\\p{Alphabetic}",
        "\\Qa.b",
        "\\h",
        "\\R",
        "\\X",
        "\\Z",
        "\\G",
        "\\C",
        "\\e",
        "\\\u{E9}",
        "[\\b]",
        "a\\",
        "(a",
        "a)",
        "[a",
        "*a",
        "a|*",
        "(a{100}){100}",
        "((a{1000}){1}){2}",
        "(a{2}){501}",
        "(a{3}){334}",
        "(a{2,}){501}",
        "(a{1000}|b){2}",
        "((a{501})b){2}",
        "(?i)*",
        "(*)",
        "a|*b",
    ]

    @Test("matches as Go's regexp does", arguments: matching)
    func matchesLikeGo(_ pattern: String, _ extraValues: [String], _ goMatches: [String]) throws {
        let selector = try SeriesSelector(parsing: "{x=\"y\", a=~`" + pattern + "`}")
        let matcher = try #require(selector.matchers.last)
        for value in Self.commonValues + extraValues {
            // Compare scalars: Swift's `==` on strings would equate "e\u{301}" with "\u{E9}".
            let goMatched = goMatches.contains { $0.unicodeScalars.elementsEqual(value.unicodeScalars) }
            #expect(matcher.matches(value) == goMatched, "value \(Array(value.unicodeScalars))")
            #expect(LabelMatcher("a", .regexNoMatch, pattern).matches(value) != goMatched)
        }
    }

    /// Patterns Go accepts that Swift's Regex could not express, which RE2 compiles: a repetition of an anchor, and
    /// groups nested deeper than Swift's limit (about 64).
    @Test(
        "accepts what Go accepts beyond Swift's Regex",
        arguments: [("^*a", "a"), (String(repeating: "(", count: 70) + "a" + String(repeating: ")", count: 70), "a")]
    )
    func acceptsBeyondSwift(_ pattern: String, _ value: String) throws {
        let selector = try SeriesSelector(parsing: "{x=\"y\", a=~`" + pattern + "`}")
        #expect(selector.matchers.last?.matches(value) == true)
    }

    /// Patterns Go accepts and matches in linear time, as RE2 does (a backtracking engine can take exponential time
    /// on them against long values that do not match).
    @Test(
        "accepts nested repetitions that Go accepts",
        arguments: ["(a*){1000}", "(a*)*", "((a?){30}){30}", "(.*)*x"]
    )
    func acceptsNestedRepetitions(_ pattern: String) throws {
        let selector = try SeriesSelector(parsing: "{x=\"y\", a=~`" + pattern + "`}")
        #expect(selector.matchers.last?.matches("a") == (pattern != "(.*)*x"))
    }

    /// RE2 bounds nested counts by their product whatever the inner counts, where Go 1.19 lets `{0}` cancel an
    /// operand's size: so RE2, unlike Go, rejects this pattern, which matches only the empty string.
    @Test("rejects with RE2's message what RE2 alone rejects")
    func rejectsLikeRE2() {
        #expect {
            try SeriesSelector(parsing: "{a=~`((a{1000}){0}){2}`}")
        } throws: { error in
            (error as? SelectorParseError)?.message
                == #"invalid regular expression "((a{1000}){0}){2}": invalid repetition size: {2}"#
        }
    }

    @Test("rejects what Go rejects", arguments: rejected)
    func rejectsLikeGo(_ pattern: String) {
        #expect {
            try SeriesSelector(parsing: "{x=\"y\", a=~`" + pattern + "`}")
        } throws: { error in
            (error as? SelectorParseError)?.code == .invalidRegex
        }
    }
}
