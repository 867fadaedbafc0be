package import SibylWire

/// How a source series' labels appear on every derived series.
///
/// The metric name moves to `metric`; labels starting with `__` are dropped (Prometheus' internal labels, and the
/// `__type__` and `__unit__` of its type-and-unit-labels feature: a derived family has its own type, and its unit
/// is the catalog's ``FamilyDescriptor/sourceUnit``); a source label that collides with one of Sibyl's own
/// (``reserved``) is kept as `exported_<name>`, as Prometheus does for target labels. Names that are not legacy
/// Prometheus names (`service.name`) are kept: the exposition escapes or quotes them (``NameEscaping``).
package enum SourceLabels {
    /// Why the derived series of a source series cannot be exposed.
    package enum Refusal: String, Sendable, Hashable {
        /// Two of its label names are the same once mapped and escaped (`a.b` and `a_b`, or `window` and
        /// `exported_window`): counted as `label_collision`.
        case labelCollision = "label_collision"
        /// A label name no exposition can carry (one that escapes to a reserved `__` name): counted as
        /// `invalid_label_name`.
        case invalidLabelName = "invalid_label_name"
    }

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

    /// The label set every derived series of `labels` starts from, as the default exposition writes it:
    /// ``base(_:)`` with the names escaped (``NameEscaping/underscores``), sorted, with empty values dropped
    /// (Prometheus treats them as absent). Two source series with the same key would give the same derived series
    /// in the default exposition (`{service.name="a"}` and `{service_name="a"}`), which the writer refuses.
    /// - Parameter labels: the source labels.
    /// - Returns: the base labels with a value, sorted by name then value.
    package static func collisionKey(_ labels: [Label]) -> [Label] {
        base(labels).filter { !$0.value.isEmpty }.map { Label(NameEscaping.underscoreEscaped($0.name), $0.value) }
            .sorted()
    }

    /// Why the derived series of `labels` cannot be exposed, `nil` when they can: their names are valid and
    /// distinct once mapped and escaped.
    /// - Parameter labels: the source labels.
    /// - Returns: `nil` when ``blocks(_:_:_:)`` gives blocks.
    static func refusal(_ labels: [Label]) -> Refusal? {
        do {
            _ = try RenderedLabels(base(labels))
            return nil
        } catch {
            return error.code == .duplicateLabelName ? .labelCollision : .invalidLabelName
        }
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
