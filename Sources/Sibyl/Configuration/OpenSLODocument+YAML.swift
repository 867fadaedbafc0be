import SibylWire
import Yams

extension ConfigurationDecoder {
    /// An OpenSLO document's `apiVersion` and `kind`: `openslo/v1` and one of OpenSLO v1's kinds.
    /// - Parameter document: the document's checked top-level keys.
    /// - Returns: the kind, or `nil` when reported.
    mutating func openSLOKind(_ document: ConfigurationMapping) -> String? {
        var valid = true
        if let field = document["apiVersion"] {
            if let version = scalar(field, expected: Self.quoted(OpenSLODocument.apiVersion)),
                version != OpenSLODocument.apiVersion
            {
                report(
                    .invalidValue, at: field.valuePosition,
                    "\(field.path): only \(Self.quoted(OpenSLODocument.apiVersion)) documents are read, got "
                        + Self.quoted(version))
                valid = false
            }
        } else {
            reportMissing("apiVersion", in: document)
            valid = false
        }
        guard let field = document["kind"] else {
            reportMissing("kind", in: document)
            return nil
        }
        guard let kind = scalar(field, expected: "an OpenSLO kind such as SLO") else { return nil }
        guard OpenSLODocument.kinds.contains(kind) else {
            var message = "\(field.path): \(Self.quoted(kind)) is not an OpenSLO v1 kind"
            if let suggestion = Self.closest(to: kind, in: OpenSLODocument.kinds) {
                message += " (did you mean \(Self.quoted(suggestion))?)"
            }
            report(.invalidValue, at: field.valuePosition, message)
            return nil
        }
        return valid ? kind : nil
    }

    /// A `kind: SLO` document's objectives, every mistake reported.
    /// - Parameters:
    ///   - document: the document's checked top-level keys (its kind already read).
    ///   - file: the OpenSLO file it was read from, `nil` for the configuration file's `objectives` list.
    ///   - indicators: the `kind: SLI` documents of the same file by `metadata.name` (`nil` for one that did not
    ///     decode), or `nil` where `indicatorRef` cannot be resolved.
    /// - Returns: the document, or `nil` when any mistake was reported.
    mutating func openSLODocument(
        _ document: ConfigurationMapping, file: String?, indicators: [String: OpenSLODocument.Indicator?]?
    ) -> OpenSLODocument? {
        let errorCount = errors.count
        let metadata = openSLOMetadata(document)
        var description: String?
        var indicator: OpenSLODocument.Indicator?
        var period = ObjectiveBudget.defaultPeriod
        var method: (kind: OpenSLODocument.BudgetingMethod, field: ConfigurationField)?
        var objectiveEntries: [ConfigurationField] = []
        if let field = document["spec"], let spec = mapping(field, keys: OpenSLODocument.specKeys) {
            description = openSLODescription(spec["description"]) ?? metadata?.displayName
            if let field = spec["service"] { _ = scalar(field, expected: "a service name") }
            indicator = sloIndicator(spec, indicators: indicators)
            if let field = spec["timeWindow"], let duration = rollingPeriod(field) { period = duration }
            if let field = spec["budgetingMethod"] {
                let choices: KeyValuePairs<String, OpenSLODocument.BudgetingMethod> = [
                    "Occurrences": .occurrences, "Timeslices": .timeslices, "RatioTimeslices": .ratioTimeslices,
                ]
                method = choice(field, choices).map { (kind: $0, field: field) }
            }
            if let field = spec["objectives"] {
                objectiveEntries = openSLOObjectiveEntries(field)
            } else {
                reportMissing("objectives", in: spec)
            }
        } else if document["spec"] == nil {
            reportMissing("spec", in: document)
        }
        if case .ratio = indicator, let method, method.kind != .occurrences {
            report(
                .invalidValue, at: method.field.valuePosition,
                "\(method.field.path): Sibyl counts a ratioMetric's events over the period (Occurrences); "
                    + "\(method.kind.rawValue) is not supported for a ratioMetric")
        }
        var entries: [OpenSLODocument.Entry] = []
        for (index, field) in objectiveEntries.enumerated() {
            guard let mapping = mapping(field, keys: OpenSLODocument.objectiveKeys) else { continue }
            let displayName = mapping["displayName"].flatMap { scalar($0, expected: "a display name") }
            guard let metadata, let indicator else {
                _ = openSLOObjective(mapping, indicator: nil, period: period)
                continue
            }
            let name = OpenSLODocument.objectiveName(
                document: metadata.name, displayName: displayName, index: index, count: objectiveEntries.count)
            guard Objective.isValidName(name) else {
                report(
                    .invalidValue, at: metadata.position,
                    "\(metadata.path): the objective name \(Self.quoted(name)) is longer than "
                        + "\(Objective.maximumNameLength) characters")
                continue
            }
            guard let parts = openSLOObjective(mapping, indicator: indicator, period: period) else { continue }
            do {
                let objective = try Objective(
                    name: name, selector: parts.selector, min: parts.min, max: parts.max, description: description,
                    budget: parts.budget, ratio: parts.ratio)
                // A name made with the displayName is placed there: that is where a clash is mended.
                let named = objectiveEntries.count > 1 ? mapping["displayName"] : nil
                entries.append(
                    OpenSLODocument.Entry(
                        configuration: ObjectiveConfiguration(objective, line: field.valuePosition.line, file: file),
                        namePosition: named?.valuePosition ?? metadata.position, namePath: named?.path ?? metadata.path)
                )
            } catch {
                report(.invalidValue, at: field.valuePosition, "\(field.path).\(error)")
            }
        }
        guard errors.count == errorCount, let metadata else { return nil }
        return OpenSLODocument(name: metadata.name, entries: entries)
    }

    /// An OpenSLO `metadata`: a `name` that is a valid objective name, and an optional `displayName`.
    private mutating func openSLOMetadata(
        _ document: ConfigurationMapping
    ) -> (name: String, displayName: String?, position: ConfigurationPosition, path: String)? {
        guard let field = document["metadata"] else {
            reportMissing("metadata", in: document)
            return nil
        }
        guard let metadata = mapping(field, keys: OpenSLODocument.metadataKeys) else { return nil }
        let displayName = metadata["displayName"].flatMap { scalar($0, expected: "a display name") }
        guard let nameField = metadata["name"] else {
            reportMissing("name", in: metadata)
            return nil
        }
        guard let name = scalar(nameField, expected: "a name such as checkout-availability") else { return nil }
        guard Objective.isValidName(name) else {
            report(
                .invalidValue, at: nameField.valuePosition,
                "\(nameField.path): \(Self.quoted(name)) is not a valid objective name "
                    + "(1 to \(Objective.maximumNameLength) letters, digits, \"_\" or \"-\")")
            return nil
        }
        return (name, displayName, nameField.valuePosition, nameField.path)
    }

    /// A `description` of at most ``Objective/maximumDescriptionLength`` characters.
    private mutating func openSLODescription(_ field: ConfigurationField?) -> String? {
        guard let field, let text = scalar(field, expected: "a description") else { return nil }
        guard text.count <= Objective.maximumDescriptionLength else {
            report(
                .invalidValue, at: field.valuePosition,
                "\(field.path): longer than \(Objective.maximumDescriptionLength) characters")
            return nil
        }
        return text
    }

    /// `spec.timeWindow`: exactly one rolling window, its `duration` the period (no longer than the archive keeps).
    private mutating func rollingPeriod(_ field: ConfigurationField) -> PrometheusDuration? {
        guard let elements = list(field, expected: "a list of one time window") else { return nil }
        guard elements.count == 1, let element = elements.first else {
            report(
                .invalidValue, at: field.valuePosition,
                "\(field.path): expected exactly one time window, got \(elements.count)")
            return nil
        }
        let entry = ConfigurationField(path: "\(field.path)[0]", keyPosition: element.keyPosition, value: element.value)
        guard let window = mapping(entry, keys: OpenSLODocument.timeWindowKeys) else { return nil }
        let calendarMessage =
            "calendar-aligned time windows are not supported: Sibyl's periods roll; give isRolling: true and no "
            + "calendar"
        if let calendar = window["calendar"] {
            report(.invalidValue, at: calendar.keyPosition, "\(calendar.path): \(calendarMessage)")
            return nil
        }
        if let rolling = window["isRolling"], let value = choice(rolling, ["true": true, "false": false]) {
            guard value else {
                report(.invalidValue, at: rolling.valuePosition, "\(rolling.path): \(calendarMessage)")
                return nil
            }
        } else if window["isRolling"] != nil {
            return nil
        }
        guard let durationField = window["duration"] else {
            reportMissing("duration", in: window)
            return nil
        }
        guard let text = scalar(durationField, expected: "a duration such as 28d") else { return nil }
        switch OpenSLODocument.fixedDuration(text) {
        case .failure(let error):
            report(.invalidDuration, at: durationField.valuePosition, "\(durationField.path): \(error)")
            return nil
        case .success(let period):
            guard checkPeriod(period, within: durationField) else { return nil }
            return period
        }
    }

    /// `spec.objectives`: at least one entry, each with its index in its path.
    private mutating func openSLOObjectiveEntries(_ field: ConfigurationField) -> [ConfigurationField] {
        guard let elements = list(field, expected: "a list of objectives, each with a target") else { return [] }
        guard !elements.isEmpty else {
            report(.invalidValue, at: field.valuePosition, "\(field.path): at least one objective is required")
            return []
        }
        return elements.enumerated().map { index, element in
            ConfigurationField(path: "\(field.path)[\(index)]", keyPosition: element.keyPosition, value: element.value)
        }
    }

    /// What one `spec.objectives` entry adds to the indicator: the budget, and for a threshold the bound.
    /// - Parameters:
    ///   - indicator: the SLO's indicator, or `nil` when it did not decode (the entry is still checked).
    ///   - period: the budget's period.
    /// - Returns: the objective's parts, or `nil` when reported.
    private mutating func openSLOObjective(
        _ mapping: ConfigurationMapping, indicator: OpenSLODocument.Indicator?, period: PrometheusDuration
    ) -> (selector: SeriesSelector, min: Double?, max: Double?, budget: ObjectiveBudget, ratio: RatioIndicator?)? {
        var valid = true
        for key in ["indicator", "indicatorRef"] {
            guard let field = mapping[key] else { continue }
            report(
                .invalidValue, at: field.keyPosition,
                "\(field.path): composite SLOs (an indicator per objective) are not supported; give the SLO's "
                    + "spec.indicator")
            valid = false
        }
        if let field = mapping["timeSliceTarget"], let value = number(field, in: .finite), value <= 0 || value > 1 {
            report(.invalidValue, at: field.valuePosition, "\(field.path): must be in (0, 1], got \(value)")
            valid = false
        }
        if let field = mapping["timeSliceWindow"], let text = scalar(field, expected: "a duration such as 1m"),
            Int(text) == nil, case .failure(let error) = OpenSLODocument.fixedDuration(text)
        {
            report(.invalidDuration, at: field.valuePosition, "\(field.path): \(error)")
            valid = false
        }
        let budget = openSLOBudget(mapping, period: period)
        let bound = openSLOBound(mapping, indicator: indicator)
        guard valid, let budget, let bound, let indicator else { return nil }
        switch indicator {
        case .ratio(let ratio): return (ratio.total, nil, nil, budget, ratio)
        case .threshold(let selector): return (selector, bound.min, bound.max, budget, nil)
        }
    }

    /// An objective's `target` (0 to 1) or `targetPercent` (0 to 100), exactly one, as a budget over `period`.
    private mutating func openSLOBudget(_ mapping: ConfigurationMapping, period: PrometheusDuration) -> ObjectiveBudget?
    {
        let target: Double
        let field: ConfigurationField
        switch (mapping["target"], mapping["targetPercent"]) {
        case (nil, nil):
            report(
                .missingKey, at: mapping.position,
                "\(mapping.path): one of \"target\" and \"targetPercent\" is required")
            return nil
        case (.some, .some(let second)):
            report(.invalidValue, at: second.keyPosition, "\(mapping.path): give target or targetPercent, not both")
            return nil
        case (.some(let given), nil):
            guard let value = number(given, in: .finite) else { return nil }
            (target, field) = (value, given)
        case (nil, .some(let given)):
            guard let value = number(given, in: .finite) else { return nil }
            (target, field) = (value / 100, given)
        }
        do {
            return try ObjectiveBudget(target: target, period: period)
        } catch {
            let message =
                mapping["targetPercent"] == nil
                ? error.message : "must be between 0 and 100 (exclusive), got \(target * 100)"
            report(.invalidValue, at: field.valuePosition, "\(field.path): \(message)")
            return nil
        }
    }

    /// A threshold objective's `op` and `value` as an inclusive bound (`lt`/`lte` a max, `gt`/`gte` a min); a
    /// ratio objective has neither.
    /// - Returns: the bound (both `nil` for a ratio), or `nil` when reported.
    private mutating func openSLOBound(
        _ mapping: ConfigurationMapping, indicator: OpenSLODocument.Indicator?
    ) -> (min: Double?, max: Double?)? {
        switch indicator {
        case .ratio:
            for key in ["op", "value"] {
                guard let field = mapping[key] else { continue }
                report(
                    .invalidValue, at: field.keyPosition,
                    "\(field.path): only a thresholdMetric's objectives compare with op and value; a ratioMetric's "
                        + "objective has only a target")
                return nil
            }
            return (nil, nil)
        case .threshold, nil:
            let isMax = mapping["op"].flatMap { choice($0, ["lt": true, "lte": true, "gt": false, "gte": false]) }
            let value = mapping["value"].flatMap { number($0, in: .finite) }
            guard indicator != nil else { return nil }
            for key in ["op", "value"] where mapping[key] == nil {
                report(
                    .missingKey, at: mapping.position,
                    "\(mapping.path): a thresholdMetric's objective needs \(Self.quoted(key))")
            }
            guard let isMax, let value else { return nil }
            return isMax ? (nil, value) : (value, nil)
        }
    }

    /// Whether an objective's period fits in the archive: its events are kept for `archive.retention` only.
    /// - Parameters:
    ///   - period: the period.
    ///   - field: the field that gives it, where a mistake is reported.
    /// - Returns: `true` when it fits (or the retention is not known).
    mutating func checkPeriod(_ period: PrometheusDuration, within field: ConfigurationField) -> Bool {
        guard let retention = archiveRetention,
            let problem = ObjectiveBudget.retentionProblem(period: period, retention: retention)
        else { return true }
        report(.invalidValue, at: field.valuePosition, "\(field.path): \(problem)")
        return false
    }
}
