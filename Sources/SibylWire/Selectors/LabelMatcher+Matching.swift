extension LabelMatcher {
    /// Whether a label value satisfies this matcher (an absent label is the empty string).
    ///
    /// Values compare by their UTF-8 bytes, as Prometheus does. Regular expressions are Go (RE2) syntax, anchored at
    /// both ends like `^(?:re)$`, and match Unicode scalars as Go does; a regular expression that does not compile
    /// matches no value, so `=~` fails and `!~` succeeds. RE2 matches in linear time, as Go does, so nested
    /// repetitions such as `(.*)*Q` cost no more than `.*Q`.
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
            return regex.matches(value)
        case .regexNoMatch:
            guard let regex = try? compiledRegex() else {
                return true
            }
            return !regex.matches(value)
        }
    }

    /// The value, a Go (RE2) regular expression, compiled by RE2 as Prometheus compiles it with Go.
    /// - Throws: ``RE2Translator/SyntaxError`` for what Go rejects (with Go's message), or
    ///   ``RE2Expression/CompileError`` for what RE2 alone rejects (an expression over its memory budget).
    func compiledRegex() throws -> RE2Expression {
        // Prometheus compiles exactly this text (so `\\Q` without `\\E` swallows the closing parenthesis).
        let pattern = "^(?:" + value + ")$"
        try RE2Translator.check(pattern)
        return try RE2Expression(pattern)
    }
}
