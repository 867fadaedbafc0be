/// Parses PromQL series selectors: `name{a="v", b!="v", c=~"re", d!~"re"}`, `{…}` and `name`.
///
/// It follows the Prometheus 3 lexer and parser:
/// - metric names `[a-zA-Z_:][a-zA-Z0-9_:]*` (keywords such as `on` or `by` included, `Inf` and `NaN` excluded),
///   label names `[a-zA-Z_][a-zA-Z0-9_]*`, `__name__` matchers inside the braces;
/// - UTF-8 names as quoted strings inside the braces: a quoted label name before an operator
///   (`{"service.name"="api"}`), and a quoted string alone as the metric name (`{"http.requests", job="x"}`);
/// - strings in double quotes, single quotes (Go escapes) or backticks (raw);
/// - whitespace between any two tokens, `#` comments outside the braces, a trailing comma;
/// - at least one matcher that does not match the empty string;
/// - regular expressions compiled at parse time, so a bad one is an error at its column.
///
/// Untrusted input never traps: every failure is a ``SelectorParseError``.
public struct SelectorParser: Sendable {
    /// The longest input accepted, in UTF-8 bytes.
    public static let maximumInputLength = 65_536

    let bytes: [UInt8]
    var index = 0

    private init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// Parses selector text.
    /// - Parameter text: the selector.
    /// - Returns: the selector, with the metric name (if given before the braces) as the first matcher.
    /// - Throws: ``SelectorParseError`` with the line, column and what was expected.
    public static func parse(_ text: String) throws(SelectorParseError) -> SeriesSelector {
        guard text.utf8.count <= maximumInputLength else {
            throw SelectorParseError(
                .inputTooLong,
                line: 1,
                column: 1,
                message: "selector is longer than \(maximumInputLength) bytes"
            )
        }
        var parser = SelectorParser(text)
        return try parser.parseSelector()
    }

    private mutating func parseSelector() throws(SelectorParseError) -> SeriesSelector {
        skipTrivia()
        let start = index
        var matchers: [LabelMatcher] = []
        var metricName: String?
        guard let first = peek() else {
            throw failure(.unexpectedEnd, "expected metric name or \"{\", found end of input")
        }
        if PromQLText.isNameStart(first) || first == UInt8(ascii: ":") {
            let name = scanName(allowingColon: true)
            if PromQLText.isNumberKeyword(name) {
                throw failure(
                    .invalidMetricName,
                    at: start,
                    "\(PromQLText.quoted(name)) is a number in PromQL, not a metric name; "
                        + "use {__name__=\(PromQLText.quoted(name))}"
                )
            }
            matchers.append(LabelMatcher(SeriesSelector.metricNameLabel, .equal, name))
            metricName = name
            skipTrivia()
            guard let next = peek() else {
                return SeriesSelector(matchers)
            }
            guard next == UInt8(ascii: "{") else {
                throw unexpected("\"{\" or end of input after metric name \(PromQLText.quoted(name))")
            }
        } else if first != UInt8(ascii: "{") {
            throw unexpected("metric name or \"{\"")
        }
        index += 1
        var hasNonEmptyMatcher = metricName != nil
        try parseMatcherList(into: &matchers, metricName: metricName, hasNonEmptyMatcher: &hasNonEmptyMatcher)
        skipTrivia()
        if peek() != nil {
            throw unexpected("end of input after \"}\"")
        }
        guard hasNonEmptyMatcher else {
            throw failure(.emptySelector, at: start, "vector selector must contain at least one non-empty matcher")
        }
        return SeriesSelector(matchers)
    }

    /// Parses `matcher {, matcher} [,] }` after the opening brace.
    private mutating func parseMatcherList(
        into matchers: inout [LabelMatcher],
        metricName: String?,
        hasNonEmptyMatcher: inout Bool
    ) throws(SelectorParseError) {
        while true {
            skipSpace()
            guard let byte = peek() else {
                throw unexpected("label name or \"}\"")
            }
            if byte == UInt8(ascii: "}") {
                index += 1
                return
            }
            guard PromQLText.isNameStart(byte) || Self.isQuote(byte) else {
                throw unexpected("label name or \"}\"")
            }
            let matcherStart = index
            let (matcher, matchesEmpty) = try parseMatcher()
            if let metricName, matcher.name == SeriesSelector.metricNameLabel {
                throw failure(
                    .duplicateMetricName,
                    at: matcherStart,
                    "metric name must not be set twice: \(PromQLText.quoted(metricName)) or "
                        + PromQLText.quoted(matcher.value)
                )
            }
            matchers.append(matcher)
            hasNonEmptyMatcher = hasNonEmptyMatcher || !matchesEmpty
            skipSpace()
            switch peek() {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "}"):
                index += 1
                return
            default:
                throw unexpected("\",\" or \"}\" after matcher \(matcher)")
            }
        }
    }

    /// Parses `name op string`, `"name" op string` or a metric name `"name"` alone; also says whether the matcher
    /// matches the empty string.
    private mutating func parseMatcher() throws(SelectorParseError) -> (LabelMatcher, matchesEmpty: Bool) {
        let nameStart = index
        let quotedName = peek().map(Self.isQuote) ?? false
        let name = quotedName ? try scanString() : scanName(allowingColon: false)
        skipSpace()
        if quotedName, peek() == UInt8(ascii: ",") || peek() == UInt8(ascii: "}") {
            // A quoted string alone is the metric name (Prometheus 3).
            return (LabelMatcher(SeriesSelector.metricNameLabel, .equal, name), name.isEmpty)
        }
        let kind: LabelMatcher.Kind
        switch (peek(), peek(offset: 1)) {
        case (UInt8(ascii: "="), UInt8(ascii: "~")): kind = .regexMatch
        case (UInt8(ascii: "="), _): kind = .equal
        case (UInt8(ascii: "!"), UInt8(ascii: "=")): kind = .notEqual
        case (UInt8(ascii: "!"), UInt8(ascii: "~")): kind = .regexNoMatch
        default:
            let operators = #""=", "!=", "=~" or "!~""#
            let expected = quotedName ? #""=", "!=", "=~", "!~", "," or "}""# : operators
            throw unexpected("\(expected) after label name \(PromQLText.quoted(name))")
        }
        guard !name.isEmpty else {
            throw failure(.invalidLabelName, at: nameStart, "label name must not be empty")
        }
        index += kind == .equal ? 1 : 2
        skipSpace()
        guard let quote = peek(), Self.isQuote(quote) else {
            throw unexpected("quoted string after \(PromQLText.quoted(name + kind.symbol))")
        }
        let valueStart = index
        let value = try scanString()
        let matcher = LabelMatcher(name, kind, value)
        switch kind {
        case .equal:
            return (matcher, value.isEmpty)
        case .notEqual:
            return (matcher, !value.isEmpty)
        case .regexMatch, .regexNoMatch:
            let regex: RE2Expression
            do {
                regex = try matcher.compiledRegex()
            } catch {
                throw failure(
                    .invalidRegex,
                    at: valueStart,
                    "invalid regular expression \(PromQLText.quoted(value)): \(error)"
                )
            }
            let emptyMatches = regex.matches("")
            return (matcher, kind == .regexMatch ? emptyMatches : !emptyMatches)
        }
    }

    // MARK: - Tokens

    /// Reads a name at `index`, whose first byte has been checked.
    private mutating func scanName(allowingColon: Bool) -> String {
        let start = index
        while let byte = peek(),
            PromQLText.isNameContinuation(byte) || (allowingColon && byte == UInt8(ascii: ":"))
        {
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// Skips whitespace and `#` comments (allowed outside the braces).
    private mutating func skipTrivia() {
        while let byte = peek() {
            if PromQLText.isSpace(byte) {
                index += 1
            } else if byte == UInt8(ascii: "#") {
                while let commentByte = peek(), commentByte != UInt8(ascii: "\n") {
                    index += 1
                }
            } else {
                return
            }
        }
    }

    /// Skips whitespace (inside the braces, where comments are not allowed).
    private mutating func skipSpace() {
        while let byte = peek(), PromQLText.isSpace(byte) {
            index += 1
        }
    }

    /// The byte at `index + offset`, or `nil` past the end.
    func peek(offset: Int = 0) -> UInt8? {
        let position = index + offset
        return position < bytes.count ? bytes[position] : nil
    }

    /// `"`, `'` or a backtick.
    static func isQuote(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`")
    }
}
