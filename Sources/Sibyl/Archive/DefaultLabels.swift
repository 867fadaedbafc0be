package import SibylWire

/// Labels added to every series remote read over the archive answers with, unless the series has a label of that
/// name itself (`archive.remote_read.labels`).
///
/// This is what a scrape with `honor_labels: true` does with its target's `job` and `instance`: the series' own
/// label wins, a missing one is added. A Prometheus that both scrapes Sibyl and reads its archive then sees one
/// label set for one series from either path, so it merges the two instead of answering the series twice.
package struct DefaultLabels: Sendable, Hashable {
    /// The labels, sorted by name, one per name; none is `__name__` (the configuration refuses it).
    package let labels: [Label]

    /// No labels: every series is answered with its archived labels.
    package static let none = DefaultLabels([])

    /// Creates the set.
    /// - Parameter labels: the labels in any order; of two with one name, the later is kept.
    package init(_ labels: [Label]) {
        var byName: [String: Label] = [:]
        for label in labels { byName[label.name] = label }
        self.labels = byName.values.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// Whether there is no label to add.
    package var isEmpty: Bool { labels.isEmpty }

    /// A series' label set as it is answered: its own labels, plus each of these whose name it lacks.
    /// - Parameter own: the series' labels, sorted by name (bytes), one per name.
    /// - Returns: the merged labels, sorted by name.
    package func applied(to own: [Label]) -> [Label] {
        guard !labels.isEmpty else { return own }
        var merged: [Label] = []
        merged.reserveCapacity(own.count + labels.count)
        var added = labels[...]
        for label in own {
            while let next = added.first, next.name.utf8.lexicographicallyPrecedes(label.name.utf8) {
                merged.append(next)
                added = added.dropFirst()
            }
            if added.first?.name == label.name { added = added.dropFirst() }
            merged.append(label)
        }
        merged.append(contentsOf: added)
        return merged
    }

    /// How many of these labels a series carried itself (its own value then won).
    /// - Parameter own: the series' labels.
    /// - Returns: the count.
    package func carried(by own: [Label]) -> Int {
        labels.count(where: { label in own.contains { $0.name == label.name } })
    }
}
