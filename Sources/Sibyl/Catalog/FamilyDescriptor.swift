public import SibylWire

/// One family Sibyl exposes, as Prometheus sees it and as the archive keeps it.
///
/// Every `sibyl_…` name is spelled once, in a descriptor; the exposition builders, the archive's views, the
/// reference page and the README's tables read the descriptors (``FamilyCatalog``).
public struct FamilyDescriptor: Sendable, Hashable {
    /// The metric name.
    public let name: String
    /// `gauge` or `counter`.
    public let type: MetricFamily.Kind
    /// The `# HELP` text.
    public let help: String
    /// The unit the name ends with (`seconds`, `bytes`, `ratio`), if any; OpenMetrics' `# UNIT` when the family
    /// name ends in it.
    public let unit: String?
    /// Whether the values are in the source series' unit (a window average of seconds is seconds; an ACF or a
    /// sample count is unitless). One family holds series of many units, so the source unit (Prometheus'
    /// `__unit__` label, which never becomes a derived label) is not written per series: this says, on the
    /// reference page and in the README, which families keep it.
    public let keepsSourceUnit: Bool
    /// The labels Sibyl adds to each sample, in addition to the source series' own (``carriesSourceLabels``).
    public let labels: [String]
    /// Whether each sample carries its source series' labels, with the source's metric name in `metric`.
    public let carriesSourceLabels: Bool
    /// The result kind, `nil` for Sibyl's own health (which is not archived).
    public let kind: ResultKind?
    /// Where the archive keeps the family's values in the view of its kind, `nil` when in none.
    public let archiveSlot: ArchiveSlot?
    /// Whether the family is one of Sloth's recording rules (`slo.sloth_compatible`): named `slo:…` or `sloth_…`,
    /// labelled `sloth_*`, archived and read back like the others but shown in no view of its kind.
    public let isSloth: Bool

    /// A derived family: it carries the source labels and is archived in `slot`.
    init(
        _ name: String, _ type: MetricFamily.Kind = .gauge, unit: String? = nil, keepsSourceUnit: Bool = false,
        labels: [String] = [], sourceLabels: Bool = true, kind: ResultKind, slot: ArchiveSlot, help: String
    ) {
        self.name = name
        self.type = type
        self.help = help
        self.unit = unit
        self.keepsSourceUnit = keepsSourceUnit
        self.labels = labels
        self.carriesSourceLabels = sourceLabels
        self.kind = kind
        self.archiveSlot = slot
        self.isSloth = false
    }

    /// A family of Sloth's recording rules, per objective: an objective family without a view slot.
    init(sloth name: String, labels: [String], help: String) {
        self.name = name
        self.type = .gauge
        self.help = help
        self.unit = nil
        self.keepsSourceUnit = false
        self.labels = labels
        self.carriesSourceLabels = false
        self.kind = .objectives
        self.archiveSlot = nil
        self.isSloth = true
    }

    /// A self-monitoring family: Sibyl's health, neither derived from a source series nor archived.
    init(
        selfMonitoring name: String, _ type: MetricFamily.Kind, unit: String? = nil, labels: [String] = [], help: String
    ) {
        self.name = name
        self.type = type
        self.help = help
        self.unit = unit
        self.keepsSourceUnit = false
        self.labels = labels
        self.carriesSourceLabels = false
        self.kind = nil
        self.archiveSlot = nil
        self.isSloth = false
    }

    /// An empty family of this descriptor, to append samples to.
    ///
    /// ``FamilyCatalog/validate()`` runs when Sibyl starts and in the tests, so a descriptor that is not a valid
    /// family never reaches a render.
    public func family() -> MetricFamily {
        do {
            return try MetricFamily(name: name, kind: type, help: help, unit: unit)
        } catch {
            preconditionFailure("\(name) is not a valid family; FamilyCatalog.validate() reports it: \(error)")
        }
    }
}

extension FamilyDescriptor {
    /// The family holding `samples`.
    func family(_ samples: [(RenderedLabels, Double)]) -> MetricFamily {
        var family = family()
        for (labels, value) in samples { family.append(labels, value) }
        return family
    }

    /// The family with one sample per key of `counts`, labelled `label`, in the keys' order.
    func family(labelled label: String, _ counts: [String: Int]) -> MetricFamily {
        family(
            counts.sorted { $0.key < $1.key }.compactMap { key, value in
                (try? RenderedLabels([(name: label, value: key)])).map { ($0, Double(value)) }
            })
    }
}
