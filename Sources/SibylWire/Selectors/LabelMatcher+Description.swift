extension LabelMatcher: CustomStringConvertible {
    /// PromQL text of the matcher: the name, the operator and the value as a double-quoted string (`job=~"n.*"`).
    public var description: String {
        name + kind.symbol + PromQLText.quoted(value)
    }
}
