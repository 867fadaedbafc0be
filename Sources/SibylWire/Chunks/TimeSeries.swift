/// A series as the remote protocols carry it: its label set and its samples in time order.
public struct TimeSeries: Sendable, Hashable, CustomStringConvertible {
    /// The label set, sorted by name (`__name__` included).
    public var labels: [Label]
    /// The samples, ascending by timestamp; values are bit-exact.
    public var samples: [Sample]

    /// Creates a series.
    /// - Parameters:
    ///   - labels: the label set; sorted here if it is not.
    public init(labels: [Label], samples: [Sample] = []) {
        self.labels = labels.isSorted ? labels : labels.sorted()
        self.samples = samples
    }

    /// The value of label `name`, or `nil`.
    /// - Parameter name: the label name.
    /// - Returns: its value.
    public func label(_ name: String) -> String? {
        labels.first { $0.name == name }?.value
    }

    /// `{a="x", b="y"}` and the sample count.
    public var description: String {
        "{" + labels.map(\.description).joined(separator: ", ") + "} (\(samples.count) samples)"
    }
}

extension [Label] {
    /// The labels by name; a repeated name keeps its first value.
    public var dictionary: [String: String] {
        Dictionary(map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether the labels are in Prometheus' order.
    var isSorted: Bool {
        zip(self, dropFirst()).allSatisfy { !($1 < $0) }
    }
}
