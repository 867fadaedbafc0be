/// A label matcher ready to test many values: a regular expression is checked and compiled once.
///
/// ``LabelMatcher/matches(_:)`` compiles a regular expression on every call and treats one that does not compile as
/// matching nothing; a server answering a query over many series compiles it here once and rejects a bad one.
public struct CompiledLabelMatcher: Sendable {
    /// The matcher.
    public let matcher: LabelMatcher
    private let regex: RE2Expression?

    /// Compiles the matcher's regular expression, if it has one.
    /// - Throws: ``SelectorParseError`` with code `invalid_regex` for a regular expression that does not compile;
    ///   its position is the value's opening quote in the matcher's PromQL text (`name=~"value"`).
    public init(_ matcher: LabelMatcher) throws(SelectorParseError) {
        self.matcher = matcher
        switch matcher.kind {
        case .equal, .notEqual:
            regex = nil
        case .regexMatch, .regexNoMatch:
            do {
                regex = try matcher.compiledRegex()
            } catch {
                let column = matcher.name.unicodeScalars.count + matcher.kind.symbol.count + 1
                throw SelectorParseError(
                    .invalidRegex, line: 1, column: column,
                    message: "invalid regular expression \(PromQLText.quoted(matcher.value)) for label "
                        + "\(PromQLText.quoted(matcher.name)): \(error)")
            }
        }
    }

    /// Whether a label value satisfies the matcher (an absent label is the empty string), as
    /// ``LabelMatcher/matches(_:)`` decides it.
    /// - Parameter value: the label value.
    /// - Returns: `true` when the value is selected.
    public func matches(_ value: String) -> Bool {
        switch matcher.kind {
        case .equal: value.utf8.elementsEqual(matcher.value.utf8)
        case .notEqual: !value.utf8.elementsEqual(matcher.value.utf8)
        case .regexMatch: regex.map { $0.matches(value) } ?? false
        case .regexNoMatch: regex.map { !$0.matches(value) } ?? true
        }
    }
}
