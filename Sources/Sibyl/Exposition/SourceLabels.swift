package import SibylWire

/// How a source series' labels appear on every derived series.
///
/// The metric name moves to `metric`; labels starting with `__` are dropped; a source label that collides with one
/// of Sibyl's own (``reserved``) is kept as `exported_<name>`, as Prometheus does for target labels.
package enum SourceLabels {
    /// The labels Sibyl adds to derived series.
    static let reserved = FamilyCatalog.reservedLabels

    /// The derived-series labels of a source label set, before Sibyl's own are added.
    /// - Parameter labels: the source labels.
    /// - Returns: name and value pairs.
    static func base(_ labels: [Label]) -> [(name: String, value: String)] {
        var base: [(name: String, value: String)] = []
        base.reserveCapacity(labels.count)
        for label in labels {
            switch label.name {
            case "__name__": base.append((name: "metric", value: label.value))
            case let name where reserved.contains(name): base.append((name: "exported_" + name, value: label.value))
            case let name where name.hasPrefix("__"): continue
            default: base.append((name: label.name, value: label.value))
            }
        }
        return base
    }

    /// The label set every derived series of `labels` starts from, as the exposition writer sees it: ``base(_:)``
    /// sorted, with empty values dropped (Prometheus treats them as absent). Two source series with the same key
    /// would give the same derived series, which the writer refuses.
    /// - Parameter labels: the source labels.
    /// - Returns: the base labels with a value, sorted by name then value.
    package static func collisionKey(_ labels: [Label]) -> [Label] {
        base(labels).filter { !$0.value.isEmpty }.map { Label($0.name, $0.value) }.sorted()
    }

    /// Whether the derived series of `labels` can be exposed: their names are valid and distinct once mapped.
    /// - Parameter labels: the source labels.
    /// - Returns: `false` when ``blocks(_:_:_:)`` would give `nil`.
    static func canExpose(_ labels: [Label]) -> Bool {
        (try? RenderedLabels(base(labels))) != nil
    }

    /// One label block per value of Sibyl's label `name`; `nil` when the labels cannot be exposed.
    /// - Parameters:
    ///   - base: the labels from ``base(_:)``.
    ///   - name: Sibyl's label (`window`, `lag`, …).
    ///   - values: its values.
    /// - Returns: the rendered blocks, in the order of `values`.
    static func blocks(_ base: [(name: String, value: String)], _ name: String, _ values: [String]) -> [RenderedLabels]?
    {
        var blocks: [RenderedLabels] = []
        blocks.reserveCapacity(values.count)
        for value in values {
            guard let block = try? RenderedLabels(base + [(name: name, value: value)]) else { return nil }
            blocks.append(block)
        }
        return blocks
    }
}
