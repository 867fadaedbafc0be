extension LabelMatcher {
    /// Whether a label value satisfies this matcher (an absent label is the empty string).
    ///
    /// Values compare by their UTF-8 bytes, as Prometheus does. Regular expressions are anchored at both ends,
    /// like `^(?:re)$`, and match Unicode scalars; a regular expression that does not compile matches no value,
    /// so `=~` fails and `!~` succeeds.
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
            return Self.wholeMatch(regex, value)
        case .regexNoMatch:
            guard let regex = try? compiledRegex() else {
                return true
            }
            return !Self.wholeMatch(regex, value)
        }
    }

    /// The value compiled as a regular expression that matches Unicode scalars.
    /// - Throws: the regular expression parser's error.
    func compiledRegex() throws -> Regex<AnyRegexOutput> {
        try Regex(value).matchingSemantics(.unicodeScalar)
    }

    /// Whether `regex` matches all of `value`.
    static func wholeMatch(_ regex: Regex<AnyRegexOutput>, _ value: String) -> Bool {
        ((try? regex.wholeMatch(in: value)) ?? nil) != nil
    }
}
