import SibylWire
import Yams

extension ObjectiveConfiguration {
    /// The keys of one entry of the `objectives` list.
    static let keys = [
        "name", "selector", "min", "max", "transform", "divide_by", "windows", "description", "target", "period",
        "ratio", "latency", "by",
    ]

    /// The keys of an objective's `ratio`.
    static let ratioKeys = ["errors", "good", "total"]

    /// The keys of an objective's `latency`.
    static let latencyKeys = ["histogram", "threshold"]
}

extension ConfigurationDecoder {
    /// The `objectives` list: each entry a mapping with a unique `name`, a `selector`, `min` and/or `max`, and
    /// optionally `transform` or `divide_by`, `windows` (none longer than `longestWindow`) and `description`.
    /// - Parameters:
    ///   - field: the `objectives` field, if present (absent or empty means none).
    ///   - longestWindow: the longest evaluation window, the most history a window can look at.
    /// - Returns: the objectives that are valid.
    mutating func objectives(
        _ field: ConfigurationField?, longestWindow: PrometheusDuration
    ) -> [ObjectiveConfiguration] {
        guard let field, !field.isNull,
            let elements = list(field, expected: "a list of objectives, each a mapping with name, selector, min, max")
        else { return [] }
        var objectives: [ObjectiveConfiguration] = []
        var firstLines: [String: Int] = [:]
        for (index, element) in elements.enumerated() {
            let entry = ConfigurationField(
                path: "\(field.path)[\(index)]", keyPosition: element.keyPosition, value: element.value)
            if Self.isOpenSLODocument(element.value) {
                appendOpenSLOEntry(entry, to: &objectives, firstLines: &firstLines)
                continue
            }
            guard let mapping = mapping(entry, keys: ObjectiveConfiguration.keys),
                let objective = objective(mapping, longestWindow: longestWindow)
            else { continue }
            let line = entry.valuePosition.line
            if let first = firstLines[objective.name] {
                let position = mapping["name"]?.valuePosition ?? entry.valuePosition
                report(
                    .duplicateValue, at: position,
                    "\(entry.path).name: duplicate objective \(Self.quoted(objective.name)) (first on line \(first))")
                continue
            }
            firstLines[objective.name] = line
            objectives.append(ObjectiveConfiguration(objective, line: line))
        }
        return objectives
    }

    /// One entry, every mistake reported.
    private mutating func objective(
        _ mapping: ConfigurationMapping, longestWindow: PrometheusDuration
    ) -> Objective? {
        var valid = true
        var name: String?
        if let field = mapping["name"], let text = scalar(field, expected: "a name such as free_memory") {
            if Objective.isValidName(text) {
                name = text
            } else {
                report(
                    .invalidValue, at: field.valuePosition,
                    "\(field.path): \(Self.quoted(text)) is not a valid objective name "
                        + "(1 to \(Objective.maximumNameLength) letters, digits, \"_\" or \"-\")")
                valid = false
            }
        } else if mapping["name"] == nil {
            reportMissing("name", in: mapping)
        }
        var ratio: RatioIndicator?
        if let field = mapping["ratio"] {
            ratio = ratioIndicator(field)
            if ratio == nil { valid = false }
            if let selector = mapping["selector"] {
                report(
                    .invalidValue, at: selector.keyPosition,
                    "\(mapping.path).selector: a ratio objective reads ratio.total and ratio.errors (or good); "
                        + "leave selector out")
                valid = false
            }
        }
        var latency: LatencyIndicator?
        if let field = mapping["latency"] {
            latency = latencyIndicator(field)
            if latency == nil { valid = false }
            if let other = mapping["selector"] ?? mapping["ratio"] {
                report(
                    .invalidValue, at: other.keyPosition,
                    "\(other.path): a latency objective reads latency.histogram; leave "
                        + (mapping["ratio"] != nil ? "ratio" : "selector") + " out")
                valid = false
            }
        }
        var selector = mapping["selector"].flatMap { objectiveSelector($0) }
        if mapping["selector"] == nil && mapping["ratio"] == nil && mapping["latency"] == nil {
            reportMissing("selector", in: mapping)
        }
        if let ratio { selector = ratio.total }
        if let latency { selector = latency.histogram }
        let min = mapping["min"].flatMap { number($0) }
        let max = mapping["max"].flatMap { number($0) }
        if mapping["min"] != nil && min == nil || mapping["max"] != nil && max == nil { valid = false }
        var budget: ObjectiveBudget?
        if let field = mapping["target"], let target = number(field) {
            var period = ObjectiveBudget.defaultPeriod
            if let periodField = mapping["period"], let value = positiveDuration(periodField) {
                period = value
                if let retention = archiveRetention,
                    let problem = ObjectiveBudget.retentionProblem(period: value, retention: retention)
                {
                    report(.invalidValue, at: periodField.valuePosition, "\(periodField.path): \(problem)")
                    valid = false
                }
            } else if mapping["period"] != nil {
                valid = false
            }
            do {
                budget = try ObjectiveBudget(target: target, period: period)
            } catch {
                report(.invalidValue, at: field.valuePosition, "\(field.path): \(error.message)")
                valid = false
            }
        } else if mapping["target"] != nil {
            valid = false
        } else if let field = mapping["period"] {
            report(.invalidValue, at: field.keyPosition, "\(field.path): a period needs a target")
            valid = false
        }
        var by: [String] = []
        if let field = mapping["by"], let elements = list(field, expected: "a list of label names") {
            for element in elements {
                if let name = scalar(element, expected: "a label name") { by.append(name) } else { valid = false }
            }
        }
        if mapping["min"] == nil && mapping["max"] == nil && mapping["ratio"] == nil && mapping["latency"] == nil {
            report(
                .missingKey, at: mapping.position, "\(mapping.path): at least one of \"min\" and \"max\" is required")
            valid = false
        }
        if let min, let max, min > max, let field = mapping["min"] {
            report(.invalidValue, at: field.valuePosition, "\(field.path): \(min) is greater than max \(max)")
            valid = false
        }
        var transform: ObjectiveTransform?
        if let field = mapping["transform"] {
            transform = choice(field, ["rate": ObjectiveTransform.rate])
            if transform == nil { valid = false }
        }
        var divideBy: SeriesSelector?
        if let field = mapping["divide_by"] {
            divideBy = objectiveSelector(field)
            if divideBy == nil { valid = false }
            if let transform, divideBy != nil {
                report(
                    .invalidValue, at: field.keyPosition,
                    "\(mapping.path).transform: \(Objective.transformWithDivisor(transform))")
                valid = false
            }
        }
        var windows: [PrometheusDuration]?
        if let field = mapping["windows"] {
            windows = objectiveWindows(field, longestWindow: longestWindow)
            if windows == nil { valid = false }
        }
        var description: String?
        if let field = mapping["description"] {
            description = scalar(field)
            if let text = description, text.count > Objective.maximumDescriptionLength {
                report(
                    .invalidValue, at: field.valuePosition,
                    "\(field.path): longer than \(Objective.maximumDescriptionLength) characters")
                valid = false
            }
        }
        guard valid, let name, let selector else { return nil }
        do {
            return try Objective(
                name: name, selector: selector, min: min, max: max, transform: transform, divideBy: divideBy,
                windows: windows, description: description, budget: budget, ratio: ratio, latency: latency, by: by)
        } catch {
            report(.invalidValue, at: mapping.position, "\(mapping.path).\(error)")
            return nil
        }
    }

    /// An objective's `ratio`: `total` and exactly one of `errors` and `good`, each a series selector.
    private mutating func ratioIndicator(_ field: ConfigurationField) -> RatioIndicator? {
        guard let mapping = mapping(field, keys: ObjectiveConfiguration.ratioKeys) else { return nil }
        let total = mapping["total"].flatMap { objectiveSelector($0) }
        if mapping["total"] == nil { reportMissing("total", in: mapping) }
        let errors = mapping["errors"].flatMap { objectiveSelector($0) }
        let good = mapping["good"].flatMap { objectiveSelector($0) }
        switch (mapping["errors"], mapping["good"]) {
        case (nil, nil):
            report(.missingKey, at: mapping.position, "\(mapping.path): one of \"errors\" and \"good\" is required")
            return nil
        case (.some, .some(let second)):
            report(.invalidValue, at: second.keyPosition, "\(mapping.path): give errors or good, not both")
            return nil
        default: break
        }
        guard let total, let events = errors ?? good else { return nil }
        return RatioIndicator(counted: errors != nil ? .errors : .good, events: events, total: total)
    }

    /// An objective's `latency`: a `histogram` selector and a finite `threshold`.
    private mutating func latencyIndicator(_ field: ConfigurationField) -> LatencyIndicator? {
        guard let mapping = mapping(field, keys: ObjectiveConfiguration.latencyKeys) else { return nil }
        let histogram = mapping["histogram"].flatMap { objectiveSelector($0) }
        if mapping["histogram"] == nil { reportMissing("histogram", in: mapping) }
        let threshold = mapping["threshold"].flatMap { number($0) }
        if mapping["threshold"] == nil { reportMissing("threshold", in: mapping) }
        guard let histogram, let threshold else { return nil }
        return try? LatencyIndicator(histogram: histogram, threshold: threshold)
    }

    /// An objective's `selector` or `divide_by`: a PromQL series selector, its mistakes reported at their column.
    private mutating func objectiveSelector(_ field: ConfigurationField) -> SeriesSelector? {
        guard let text = scalar(field, expected: "a PromQL series selector such as 'node_load1{job=\"node\"}'")
        else { return nil }
        do {
            return try SeriesSelector(parsing: text)
        } catch {
            reportSelectorError(error, in: field)
            return nil
        }
    }

    /// A finite number (YAML's `_` separators allowed).
    private mutating func number(_ field: ConfigurationField) -> Double? {
        guard let text = scalar(field, expected: "a number") else { return nil }
        if [".inf", "+.inf", "-.inf", ".nan"].contains(text.lowercased()) {
            report(.invalidValue, at: field.valuePosition, "\(field.path): must be finite, got \(Self.quoted(text))")
            return nil
        }
        guard let value = Double(text.filter { $0 != "_" }) else {
            report(.wrongType, at: field.valuePosition, "\(field.path): expected a number, got \(Self.quoted(text))")
            return nil
        }
        guard value.isFinite else {
            report(.invalidValue, at: field.valuePosition, "\(field.path): must be finite, got \(Self.quoted(text))")
            return nil
        }
        return value
    }

    /// An objective's windows: at least one, each positive and no longer than the longest evaluation window, none
    /// repeated.
    private mutating func objectiveWindows(
        _ field: ConfigurationField, longestWindow: PrometheusDuration
    ) -> [PrometheusDuration]? {
        guard let elements = list(field, expected: "a list of durations such as [1h, 3h]") else { return nil }
        guard !elements.isEmpty else {
            report(.invalidValue, at: field.valuePosition, "\(field.path): at least one window is required")
            return nil
        }
        var windows: [PrometheusDuration] = []
        var firstLines: [PrometheusDuration: Int] = [:]
        var valid = true
        for element in elements {
            guard let window = positiveDuration(element) else {
                valid = false
                continue
            }
            if let line = firstLines[window] {
                report(
                    .duplicateValue, at: element.valuePosition,
                    "\(field.path): duplicate window \(window) (first on line \(line))")
                valid = false
                continue
            }
            firstLines[window] = element.valuePosition.line
            if window > longestWindow {
                report(
                    .invalidValue, at: element.valuePosition,
                    "\(field.path): window \(window) is longer than the longest evaluation window \(longestWindow)")
                valid = false
            }
            windows.append(window)
        }
        guard valid, windows.count <= Objective.maximumWindowCount else {
            if valid {
                report(
                    .invalidValue, at: field.valuePosition,
                    "\(field.path): more than \(Objective.maximumWindowCount) windows")
            }
            return nil
        }
        return windows
    }
}
