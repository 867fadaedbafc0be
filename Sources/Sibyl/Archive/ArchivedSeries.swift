package import SibylWire

/// A derived series found in the archive: its row in `series` and its label set as `/metrics` showed it.
package struct ArchivedSeries: Sendable, Hashable {
    /// The row id in `series`.
    package var id: Int64
    /// The label set, `__name__` (the metric name) included, sorted by name.
    package var labels: [Label]

    /// Creates a series.
    /// - Parameters:
    ///   - id: the row id.
    ///   - labels: the label set with `__name__`, sorted by name.
    package init(id: Int64, labels: [Label]) {
        self.id = id
        self.labels = labels
    }

    /// Whether `lhs` sorts before `rhs` as Prometheus sorts series (`labels.Compare`): label by label, name then
    /// value by bytes, a label set that is a prefix of the other first.
    static func precedes(_ lhs: ArchivedSeries, _ rhs: ArchivedSeries) -> Bool {
        lhs.labels.lexicographicallyPrecedes(rhs.labels)
    }
}
