/// A series as the remote protocols carry it: its label set and its float samples, native histogram samples, or
/// both, each in time order.
public struct TimeSeries: Sendable, Hashable, CustomStringConvertible {
    /// The label set, sorted by name (`__name__` included).
    public var labels: [Label]
    /// The float samples, ascending by timestamp; values are bit-exact.
    public var samples: [Sample]
    /// The start timestamps of the float samples (XOR2 chunks carry them): empty when none is known, otherwise one
    /// per sample, 0 where unknown.
    public var startTimestamps: [Int64]
    /// The native histogram samples, ascending by timestamp.
    public var histograms: [HistogramSample]

    /// Creates a series.
    /// - Parameters:
    ///   - labels: the label set; sorted here if it is not.
    public init(
        labels: [Label], samples: [Sample] = [], startTimestamps: [Int64] = [], histograms: [HistogramSample] = []
    ) {
        self.labels = labels.isSorted ? labels : labels.sorted()
        self.samples = samples
        self.startTimestamps = startTimestamps
        self.histograms = histograms
    }

    /// The value of label `name`, or `nil`.
    /// - Parameter name: the label name.
    /// - Returns: its value.
    public func label(_ name: String) -> String? {
        labels.first { $0.name == name }?.value
    }

    /// `{a="x", b="y"}` and the sample counts.
    public var description: String {
        let histogramCount = histograms.isEmpty ? "" : ", \(histograms.count) histograms"
        return "{" + labels.map(\.description).joined(separator: ", ") + "} (\(samples.count) samples\(histogramCount))"
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
