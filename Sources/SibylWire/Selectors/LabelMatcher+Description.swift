extension LabelMatcher: CustomStringConvertible {
    /// PromQL text of the matcher: the name, the operator and the value as a double-quoted string (`job=~"n.*"`).
    ///
    /// A name that is not a legacy label name (`[a-zA-Z_][a-zA-Z0-9_]*`) is quoted, as Prometheus 3 writes it:
    /// `"service.name"="api"`.
    public var description: String {
        PromQLText.labelName(name) + kind.symbol + PromQLText.quoted(value)
    }
}
