import SibylWire
import Testing

struct SelectorParserTests {
    /// A selector text and the matchers it must parse to.
    struct Valid: Sendable, CustomTestStringConvertible {
        let text: String
        let matchers: [LabelMatcher]
        var testDescription: String { text.debugDescription }

        init(_ text: String, _ matchers: [LabelMatcher]) {
            self.text = text
            self.matchers = matchers
        }
    }

    /// A selector text that must fail at a given position, with a given code and message.
    struct Invalid: Sendable, CustomTestStringConvertible {
        let text: String
        let code: SelectorParseError.Code
        let position: String
        let message: String
        var testDescription: String { text.debugDescription }

        init(_ text: String, _ code: SelectorParseError.Code, _ position: String, _ message: String) {
            self.text = text
            self.code = code
            self.position = position
            self.message = message
        }
    }

    static let valid: [Valid] = [
        Valid("up", [name("up")]),
        Valid("up{}", [name("up")]),
        Valid("  up  ", [name("up")]),
        Valid(#"up{job="node"}"#, [name("up"), .init("job", .equal, "node")]),
        Valid(#"{job="node"}"#, [.init("job", .equal, "node")]),
        Valid(
            #"name{a="v", b!="v", c=~"re", d!~"re"}"#,
            [
                name("name"), .init("a", .equal, "v"), .init("b", .notEqual, "v"), .init("c", .regexMatch, "re"),
                .init("d", .regexNoMatch, "re"),
            ]
        ),
        Valid(#"up{a="b",}"#, [name("up"), .init("a", .equal, "b")]),
        Valid(#"up{a="b" , }"#, [name("up"), .init("a", .equal, "b")]),
        Valid(
            " \t\r\n up \n { \t a \n = \r \"b\" \n , c \t!= 'd' , e=~`f` ,\n} \n",
            [name("up"), .init("a", .equal, "b"), .init("c", .notEqual, "d"), .init("e", .regexMatch, "f")]
        ),
        Valid(#"{a='v'}"#, [.init("a", .equal, "v")]),
        Valid(#"{a='it\'s'}"#, [.init("a", .equal, "it's")]),
        Valid(#"{a='say "hi"'}"#, [.init("a", .equal, #"say "hi""#)]),
        Valid(#"{a="it's"}"#, [.init("a", .equal, "it's")]),
        Valid(#"{a="say \"hi\""}"#, [.init("a", .equal, #"say "hi""#)]),
        Valid(#"{a=`raw\n\"'`}"#, [.init("a", .equal, #"raw\n\"'"#)]),
        Valid("{a=`two\nlines`}", [.init("a", .equal, "two\nlines")]),
        Valid("{a=`crlf\r\nline\r`}", [.init("a", .equal, "crlf\nline")]),
        Valid(#"{a="\a\b\f\n\r\t\v\\"}"#, [.init("a", .equal, "\u{07}\u{08}\u{0C}\n\r\t\u{0B}\\")]),
        Valid(#"{a='\a\b\f\n\r\t\v\\'}"#, [.init("a", .equal, "\u{07}\u{08}\u{0C}\n\r\t\u{0B}\\")]),
        Valid(#"{a="\x41\102\u00e9\U0001F600"}"#, [.init("a", .equal, "ABé😀")]),
        Valid(#"{a="\xc3\xA9 \303\251"}"#, [.init("a", .equal, "é é")]),
        Valid(#"{a="\0101\000"}"#, [.init("a", .equal, "\u{08}1\u{00}")]),
        Valid(#"{a="\u65E5\U00010000"}"#, [.init("a", .equal, "日\u{10000}")]),
        Valid(#"{a="日本語 ✓"}"#, [.init("a", .equal, "日本語 ✓")]),
        Valid(#"{a="},{=~"}"#, [.init("a", .equal, "},{=~")]),
        Valid(#"on{a="b"}"#, [name("on"), .init("a", .equal, "b")]),
        Valid("by", [name("by")]),
        Valid("sum", [name("sum")]),
        Valid("offset", [name("offset")]),
        Valid("bool", [name("bool")]),
        Valid(
            "without{on=\"x\", by='y', offset=`z`}",
            [
                name("without"), .init("on", .equal, "x"), .init("by", .equal, "y"), .init("offset", .equal, "z"),
            ]
        ),
        Valid("infinity", [name("infinity")]),
        Valid("job:rate5m:sum", [name("job:rate5m:sum")]),
        Valid(":foo", [name(":foo")]),
        Valid("_", [name("_")]),
        Valid(#"{_a1_B="x"}"#, [.init("_a1_B", .equal, "x")]),
        Valid(#"{__name__="up"}"#, [name("up")]),
        Valid(
            #"{__name__=~"up|down", job="x"}"#,
            [.init("__name__", .regexMatch, "up|down"), .init("job", .equal, "x")]
        ),
        Valid(#"{job="x", __name__="up"}"#, [.init("job", .equal, "x"), name("up")]),
        Valid("up # comment {a=\"b\"}\n{a=\"b\"} # trailing", [name("up"), .init("a", .equal, "b")]),
        Valid("# only a comment\nup", [name("up")]),
        Valid(#"{a="", b="x"}"#, [.init("a", .equal, ""), .init("b", .equal, "x")]),
        Valid(#"{a!=""}"#, [.init("a", .notEqual, "")]),
        Valid(#"{a=~".+"}"#, [.init("a", .regexMatch, ".+")]),
        Valid(#"{a!~".*"}"#, [.init("a", .regexNoMatch, ".*")]),
        Valid(#"{a=~"x", b=~".*"}"#, [.init("a", .regexMatch, "x"), .init("b", .regexMatch, ".*")]),
        Valid(#"up{a=~"10\\.0\\..*"}"#, [name("up"), .init("a", .regexMatch, #"10\.0\..*"#)]),
        Valid(#"{a=~`10\.0\..*`}"#, [.init("a", .regexMatch, #"10\.0\..*"#)]),
        Valid(#"up{a="b",a="c"}"#, [name("up"), .init("a", .equal, "b"), .init("a", .equal, "c")]),
        // Prometheus 3: quoted UTF-8 names.
        Valid(#"{"service.name"="api"}"#, [.init("service.name", .equal, "api")]),
        Valid(#"{"my.metric", job="x"}"#, [name("my.metric"), .init("job", .equal, "x")]),
        Valid(#"{job="x", "my.metric"}"#, [.init("job", .equal, "x"), name("my.metric")]),
        Valid(#"{"http.requests"}"#, [name("http.requests")]),
        Valid(
            #"{ 'foo\'bar' , `a\dos\path` !~ "x" , "日本"=~'.+' ,}"#,
            [name("foo'bar"), .init(#"a\dos\path"#, .regexNoMatch, "x"), .init("日本", .regexMatch, ".+")]
        ),
        Valid(#"up{"job"="node"}"#, [name("up"), .init("job", .equal, "node")]),
        Valid(#"{"bar", __name__="baz"}"#, [name("bar"), .init("__name__", .equal, "baz")]),
        Valid(#"{"a\"b\u00e9"!=""}"#, [.init("a\"bé", .notEqual, "")]),
        Valid(#"{"1st"="x", "with space"="y"}"#, [.init("1st", .equal, "x"), .init("with space", .equal, "y")]),
    ]

    @Test("parses valid selectors", arguments: valid)
    func parsesValid(_ testCase: Valid) throws {
        let selector = try SelectorParser.parse(testCase.text)
        #expect(selector.matchers == testCase.matchers)
        #expect(try SeriesSelector(parsing: testCase.text) == selector)
    }

    @Test("round-trips through the canonical text", arguments: valid)
    func roundTrips(_ testCase: Valid) throws {
        let selector = try SelectorParser.parse(testCase.text)
        let rendered = selector.description
        #expect(try SelectorParser.parse(rendered) == selector, "rendered as \(rendered)")
    }

    static let invalid: [Invalid] = [
        Invalid("", .unexpectedEnd, "1:1", #"expected metric name or "{", found end of input"#),
        Invalid("   ", .unexpectedEnd, "1:4", #"expected metric name or "{", found end of input"#),
        Invalid("# comment", .unexpectedEnd, "1:10", #"expected metric name or "{", found end of input"#),
        Invalid("{}", .emptySelector, "1:1", "vector selector must contain at least one non-empty matcher"),
        Invalid(#"{a=""}"#, .emptySelector, "1:1", "vector selector must contain at least one non-empty matcher"),
        Invalid(#"  {a=~".*"}"#, .emptySelector, "1:3", "vector selector must contain at least one non-empty matcher"),
        Invalid(
            #"{a!="x", b=~"a|"}"#,
            .emptySelector,
            "1:1",
            "vector selector must contain at least one non-empty matcher"
        ),
        Invalid(#"{a!~".+"}"#, .emptySelector, "1:1", "vector selector must contain at least one non-empty matcher"),
        Invalid(
            "some_metric{job}",
            .unexpectedCharacter,
            "1:16",
            #"expected "=", "!=", "=~" or "!~" after label name "job", found "}""#
        ),
        Invalid(
            #"node_cpu{job="x", mode:user="y"}"#,
            .unexpectedCharacter,
            "1:23",
            #"expected "=", "!=", "=~" or "!~" after label name "mode", found ":""#
        ),
        Invalid(
            #"up{a!x"}"#,
            .unexpectedCharacter,
            "1:5",
            #"expected "=", "!=", "=~" or "!~" after label name "a", found "!""#
        ),
        Invalid(
            "up{a",
            .unexpectedEnd,
            "1:5",
            #"expected "=", "!=", "=~" or "!~" after label name "a", found end of input"#
        ),
        Invalid(#"up{a=b}"#, .unexpectedCharacter, "1:6", #"expected quoted string after "a=", found "b""#),
        Invalid(#"up{a=~ }"#, .unexpectedCharacter, "1:8", #"expected quoted string after "a=~", found "}""#),
        Invalid("up{a=", .unexpectedEnd, "1:6", #"expected quoted string after "a=", found end of input"#),
        Invalid(
            #"up{job="x""#,
            .unexpectedEnd,
            "1:11",
            #"expected "," or "}" after matcher job="x", found end of input"#
        ),
        Invalid(
            #"up{a="b" c="d"}"#,
            .unexpectedCharacter,
            "1:10",
            #"expected "," or "}" after matcher a="b", found "c""#
        ),
        Invalid(
            "up{a=\"b\" # c\n}",
            .unexpectedCharacter,
            "1:10",
            ##"expected "," or "}" after matcher a="b", found "#""##
        ),
        Invalid("up{", .unexpectedEnd, "1:4", #"expected label name or "}", found end of input"#),
        Invalid("up{,}", .unexpectedCharacter, "1:4", #"expected label name or "}", found ",""#),
        Invalid(#"up{a="b",,}"#, .unexpectedCharacter, "1:10", #"expected label name or "}", found ",""#),
        Invalid(#"up{1a="b"}"#, .unexpectedCharacter, "1:4", #"expected label name or "}", found "1""#),
        Invalid(
            #"up{"a" "b"}"#,
            .unexpectedCharacter,
            "1:8",
            #"expected "=", "!=", "=~", "!~", "," or "}" after label name "a", found "\"""#
        ),
        Invalid(#"{""="x"}"#, .invalidLabelName, "1:2", "label name must not be empty"),
        Invalid(#"{""}"#, .emptySelector, "1:1", "vector selector must contain at least one non-empty matcher"),
        Invalid(#"up{"x"}"#, .duplicateMetricName, "1:4", #"metric name must not be set twice: "up" or "x""#),
        Invalid(#"{"a.b}"#, .invalidString, "1:2", #"unterminated quoted string (expected closing "\"")"#),
        Invalid(#"{"a.b"="x}"#, .invalidString, "1:8", #"unterminated quoted string (expected closing "\"")"#),
        Invalid(#"{"a.b"=x}"#, .unexpectedCharacter, "1:8", #"expected quoted string after "a.b=", found "x""#),
        Invalid(#"{"\xff"="x"}"#, .invalidString, "1:2", "string is not valid UTF-8 after unescaping"),
        Invalid(
            "{job=\"x\",\n \"a.b\" ~ \"y\"}",
            .unexpectedCharacter,
            "2:8",
            #"expected "=", "!=", "=~", "!~", "," or "}" after label name "a.b", found "~""#
        ),
        Invalid(#""up"{a="b"}"#, .unexpectedCharacter, "1:1", #"expected metric name or "{", found "\"""#),
        Invalid(#"{a="é" b}"#, .unexpectedCharacter, "1:8", #"expected "," or "}" after matcher a="é", found "b""#),
        Invalid(#"up{a="b"} x"#, .unexpectedCharacter, "1:11", #"expected end of input after "}", found "x""#),
        Invalid(#"{a="b"}{c="d"}"#, .unexpectedCharacter, "1:8", #"expected end of input after "}", found "{""#),
        Invalid(
            "up x",
            .unexpectedCharacter,
            "1:4",
            #"expected "{" or end of input after metric name "up", found "x""#
        ),
        Invalid(
            "up.total",
            .unexpectedCharacter,
            "1:3",
            #"expected "{" or end of input after metric name "up", found ".""#
        ),
        Invalid("1up", .unexpectedCharacter, "1:1", #"expected metric name or "{", found "1""#),
        Invalid("é", .unexpectedCharacter, "1:1", #"expected metric name or "{", found "é""#),
        Invalid(
            "rate(up[5m])",
            .unexpectedCharacter,
            "1:5",
            #"expected "{" or end of input after metric name "rate", found "(""#
        ),
        Invalid(#"up{a="x}"#, .invalidString, "1:6", #"unterminated quoted string (expected closing "\"")"#),
        Invalid(#"up{a='x}"#, .invalidString, "1:6", #"unterminated quoted string (expected closing "'")"#),
        Invalid("up{a=\"x\ny\"}", .invalidString, "1:6", #"unterminated quoted string (expected closing "\"")"#),
        Invalid("up{a=`x}", .invalidString, "1:6", #"unterminated raw string (expected closing "`")"#),
        Invalid(#"up{a="\q"}"#, .invalidString, "1:7", #"unknown escape sequence: "q" after a backslash"#),
        Invalid(#"up{a="\'"}"#, .invalidString, "1:7", #"unknown escape sequence: "'" after a backslash"#),
        Invalid(#"up{a='\"'}"#, .invalidString, "1:7", #"unknown escape sequence: "\"" after a backslash"#),
        Invalid(#"up{a="\"#, .invalidString, "1:7", "escape sequence not terminated"),
        Invalid(
            #"up{a="\x4"}"#,
            .unexpectedCharacter,
            "1:10",
            #"expected hexadecimal digit in escape sequence, found "\"""#
        ),
        Invalid(
            #"up{a="\u00g0"}"#,
            .unexpectedCharacter,
            "1:11",
            #"expected hexadecimal digit in escape sequence, found "g""#
        ),
        Invalid(#"up{a="\18"}"#, .unexpectedCharacter, "1:9", #"expected octal digit in escape sequence, found "8""#),
        Invalid(
            #"up{a="\x"#,
            .unexpectedEnd,
            "1:9",
            "expected hexadecimal digit in escape sequence, found end of input"
        ),
        Invalid(#"up{a="\400"}"#, .invalidString, "1:7", "escape sequence is an invalid Unicode code point"),
        Invalid(#"up{a="\ud800"}"#, .invalidString, "1:7", "escape sequence is an invalid Unicode code point"),
        Invalid(#"up{a="\U00110000"}"#, .invalidString, "1:7", "escape sequence is an invalid Unicode code point"),
        Invalid(#"up{a="\xff"}"#, .invalidString, "1:6", "string is not valid UTF-8 after unescaping"),
        Invalid(#"up{a=~"("}"#, .invalidRegex, "1:7", #"invalid regular expression "(": missing closing ): `^(?:()$`"#),
        Invalid(
            #"up{a!~"x{2,1}"}"#,
            .invalidRegex,
            "1:7",
            #"invalid regular expression "x{2,1}": invalid repeat count: `{2,1}`"#
        ),
        Invalid(
            #"up{a=~"(?=x)y"}"#,
            .invalidRegex,
            "1:7",
            #"invalid regular expression "(?=x)y": invalid or unsupported Perl syntax: `(?=`"#
        ),
        Invalid(
            #"up{a=~`a**`}"#,
            .invalidRegex,
            "1:7",
            #"invalid regular expression "a**": invalid nested repetition operator: `**`"#
        ),
        Invalid(
            #"up{a=~'\\d\\1'}"#,
            .invalidRegex,
            "1:7",
            #"invalid regular expression "\\d\\1": invalid escape sequence: `\1`"#
        ),
        Invalid(#"up{__name__="x"}"#, .duplicateMetricName, "1:4", #"metric name must not be set twice: "up" or "x""#),
        Invalid(
            #"up{a="b", __name__=~"x.*"}"#,
            .duplicateMetricName,
            "1:11",
            #"metric name must not be set twice: "up" or "x.*""#
        ),
        Invalid(
            "Inf",
            .invalidMetricName,
            "1:1",
            #""Inf" is a number in PromQL, not a metric name; use {__name__="Inf"}"#
        ),
        Invalid(
            #" nan{a="b"}"#,
            .invalidMetricName,
            "1:2",
            #""nan" is a number in PromQL, not a metric name; use {__name__="nan"}"#
        ),
        Invalid(
            "up{\n  a=\"b\",\n  c}",
            .unexpectedCharacter,
            "3:4",
            #"expected "=", "!=", "=~" or "!~" after label name "c", found "}""#
        ),
        Invalid("\n\n   {}", .emptySelector, "3:4", "vector selector must contain at least one non-empty matcher"),
        Invalid("up{a=\"b\"}\u{0}", .unexpectedCharacter, "1:10", #"expected end of input after "}", found "\x00""#),
    ]

    @Test("rejects invalid selectors at the right column", arguments: invalid)
    func rejectsInvalid(_ testCase: Invalid) {
        do {
            let selector = try SelectorParser.parse(testCase.text)
            Issue.record("parsed as \(selector)")
        } catch {
            #expect(error.code == testCase.code)
            #expect("\(error.line):\(error.column)" == testCase.position)
            if testCase.code == .invalidRegex {
                #expect(error.message.hasPrefix(testCase.message), "\(error.message)")
            } else {
                #expect(error.message == testCase.message)
            }
            #expect(error.description == "\(testCase.position): \(error.message)")
        }
    }

    @Test("rejects input over the length limit")
    func rejectsLongInput() {
        let text = "up{a=\"" + String(repeating: "x", count: SelectorParser.maximumInputLength) + "\"}"
        #expect(throws: SelectorParseError.self) { try SelectorParser.parse(text) }
        do {
            _ = try SelectorParser.parse(text)
        } catch {
            #expect(error.code == .inputTooLong)
            #expect(error.shortDescription == "input_too_long")
        }
    }

    private static func name(_ value: String) -> LabelMatcher {
        LabelMatcher("__name__", .equal, value)
    }
}
