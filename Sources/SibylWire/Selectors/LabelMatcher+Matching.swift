extension LabelMatcher {
    /// Whether a label value satisfies this matcher (an absent label is the empty string).
    ///
    /// Values compare by their UTF-8 bytes, as Prometheus does. Regular expressions are Go (RE2) syntax, anchored at
    /// both ends like `^(?:re)$`, and match Unicode scalars as Go does; a regular expression that does not compile
    /// matches no value, so `=~` fails and `!~` succeeds. Unlike Go's linear-time engine, Swift's backtracks: nested
    /// repetitions such as `(a*){20}` can take exponential time on long values that do not match.
    /// - Parameter value: the label value.
    /// - Returns: `true` when the value is selected.
    public func matches(_ value: String) -> Bool {
        switch kind {
        case .equal:
            return value.utf8.elementsEqual(self.value.utf8)
        case .notEqual:
            return !value.utf8.elementsEqual(self.value.utf8)
        case .regexMatch:
            guard let regex = try? compiledRegex() else {
                return false
            }
            return Self.isMatch(regex, value)
        case .regexNoMatch:
            guard let regex = try? compiledRegex() else {
                return true
            }
            return !Self.isMatch(regex, value)
        }
    }

    /// The value, a Go (RE2) regular expression, translated and compiled to match Unicode scalars as Go does.
    /// - Throws: ``RE2Translator/SyntaxError`` for what Go rejects, or Swift's error for what Swift rejects.
    func compiledRegex() throws -> Regex<AnyRegexOutput> {
        // Prometheus compiles exactly this text (so `\\Q` without `\\E` swallows the closing parenthesis).
        try Regex(RE2Translator.swiftPattern(for: "^(?:" + value + ")$"))
            .matchingSemantics(.unicodeScalar)
            .asciiOnlyWordCharacters()
            .wordBoundaryKind(.simple)
    }

    /// Whether `regex` (anchored by its own `^(?:…)$`) matches `value`, searching as Go's `MatchString` does.
    static func isMatch(_ regex: Regex<AnyRegexOutput>, _ value: String) -> Bool {
        ((try? regex.firstMatch(in: value)) ?? nil) != nil
    }
}
