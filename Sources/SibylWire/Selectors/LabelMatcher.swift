/// One label matcher of a series selector: `name="v"`, `name!="v"`, `name=~"re"` or `name!~"re"`.
///
/// Regular expressions are RE2, anchored on both ends by the server (`^(?:re)$`).
/// A label that is absent counts as the empty string.
public struct LabelMatcher: Sendable, Hashable {
    /// How the label value is compared.
    public enum Kind: Sendable, Hashable, CaseIterable {
        /// `=`: equal.
        case equal
        /// `!=`: not equal.
        case notEqual
        /// `=~`: matches the regular expression.
        case regexMatch
        /// `!~`: does not match the regular expression.
        case regexNoMatch

        /// The PromQL operator: `=`, `!=`, `=~` or `!~`.
        public var symbol: String {
            switch self {
            case .equal: "="
            case .notEqual: "!="
            case .regexMatch: "=~"
            case .regexNoMatch: "!~"
            }
        }
    }

    /// The label name (`__name__` for the metric name).
    public var name: String
    /// The comparison.
    public var kind: Kind
    /// The value or regular expression.
    public var value: String

    /// Creates a matcher.
    /// - Parameters:
    ///   - name: the label name.
    ///   - kind: the comparison.
    ///   - value: the value or regular expression.
    public init(_ name: String, _ kind: Kind, _ value: String) {
        self.name = name
        self.kind = kind
        self.value = value
    }
}
