/// One label of a series: a name and a value.
public struct Label: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The label name (`__name__` holds the metric name).
    public var name: String
    /// The label value.
    public var value: String

    /// Creates a label.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// Orders by name, then value, as Prometheus sorts label sets.
    public static func < (lhs: Label, rhs: Label) -> Bool {
        lhs.name != rhs.name
            ? lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
            : lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
    }

    /// `name="value"`.
    public var description: String { "\(name)=\"\(value)\"" }
}
