import SibylWire

/// Every family Sibyl exposes: the derived ones of each result kind, then Sibyl's own health.
public enum FamilyCatalog {
    /// The prefix of every family's name; a selector whose name has it asks for derived series.
    public static let prefix = "sibyl_"

    /// All families, each once.
    public static let all: [FamilyDescriptor] =
        WindowFamilies.all + HistogramFamilies.all + MetadataFamilies.all + ForecastFamilies.all + ObjectiveFamilies.all
        + SlothFamilies.all + SelfMonitoringFamilies.all

    private static let byName = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    /// The family called `name`, if Sibyl has one (Sloth's error ratio of any period included).
    public static func family(named name: String) -> FamilyDescriptor? {
        byName[name] ?? SlothFamilies.family(named: name)
    }

    /// Whether `name` (or, for a regular expression, its literal start) names derived series rather than source
    /// ones: it starts with ``prefix`` or with Sloth's `slo:` or `sloth_`.
    public static func namesDerivedSeries(_ name: String) -> Bool {
        name.hasPrefix(prefix) || name.hasPrefix("slo:") || name.hasPrefix("sloth_")
    }

    /// `metric IN (…)` over `families`' names, for the archive's SQL (the names are the catalog's, never input).
    static func sqlPredicate(_ families: [FamilyDescriptor]) -> String {
        "metric IN (\(families.map { "'\($0.name)'" }.joined(separator: ", ")))"
    }

    /// The labels Sibyl adds to derived series (a source label of the same name is exposed as `exported_<name>`):
    /// `metric`, which takes the source's metric name, and every label a derived family adds.
    static let reservedLabels: Set<String> = Set(["metric"] + all.filter(\.carriesSourceLabels).flatMap(\.labels))

    /// Checks that every name is a valid metric name, unique, and a counter's ends in `_total`, that every label
    /// is valid, and that every derived family has a slot in the archive (and no self-monitoring one has; Sloth's
    /// are archived in no view).
    /// - Throws: ``FamilyCatalogError`` naming the first bad family.
    public static func validate(_ families: [FamilyDescriptor] = all) throws(FamilyCatalogError) {
        var seen: Set<String> = []
        for family in families {
            guard seen.insert(family.name).inserted else { throw .duplicate(family.name) }
            guard family.name.hasPrefix(prefix) || (family.isSloth && namesDerivedSeries(family.name)),
                MetricName.isValid(family.name)
            else {
                throw .invalid(family.name, "not a valid sibyl_ metric name")
            }
            if family.type == .counter, !family.name.hasSuffix("_total") {
                throw .invalid(family.name, "a counter's name ends in _total")
            }
            if let unit = family.unit, !family.name.split(separator: "_").contains(Substring(unit)) {
                throw .invalid(family.name, "the name does not name its unit \(unit)")
            }
            for label in family.labels where !isValidLabel(label) || Set(family.labels).count != family.labels.count {
                throw .invalid(family.name, "label \"\(label)\" is invalid or repeated")
            }
            if (family.kind == nil) != (family.archiveSlot == nil) && !family.isSloth {
                throw .invalid(family.name, "a derived family needs an archive slot, a self-monitoring one has none")
            }
        }
    }

    private static func isValidLabel(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first), !name.hasPrefix("__") else {
            return false
        }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || ("0"..."9").contains(scalar)
        }
    }
}

/// A family of the catalog that Sibyl cannot expose.
public enum FamilyCatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Two families share a name.
    case duplicate(String)
    /// A family's name, type, unit or labels are wrong.
    case invalid(String, String)

    public var description: String {
        switch self {
        case .duplicate(let name): "family catalog: \(name) is declared twice"
        case .invalid(let name, let why): "family catalog: \(name): \(why)"
        }
    }
}
