import Foundation
import SibylWire

/// An objective as a JSON body holds it: every field optional, unknown fields rejected, each value checked for its
/// type with an error that names the field.
///
/// ``objective(name:)`` turns it into an ``Objective``; the name may come from elsewhere (the URL of a `PUT`).
/// The read-only fields of API responses, ``readOnlyFields``, are accepted and ignored, so that a `GET` result can be
/// edited and sent back.
struct ObjectiveDocument: Decodable {
    /// The fields of an objective.
    static let fields = [
        "name", "selector", "min", "max", "transform", "divide_by", "windows", "description", "target", "period",
        "ratio", "latency", "by",
    ]
    /// The fields the API adds to its responses; ignored on input.
    static let readOnlyFields = ["origin", "location"]

    var name: String?
    var selector: String?
    var min: Double?
    var max: Double?
    var transform: String?
    var divideBy: String?
    var windows: [String]?
    var description: String?
    var target: Double?
    var period: String?
    var ratio: RatioDocument?
    var latency: LatencyDocument?
    var by: [String]?

    /// Creates a document from its fields.
    init(
        name: String?, selector: String?, min: Double?, max: Double?, transform: String?, divideBy: String? = nil,
        windows: [String]?, description: String?, target: Double? = nil, period: String? = nil,
        ratio: RatioDocument? = nil, latency: LatencyDocument? = nil, by: [String]? = nil
    ) {
        self.name = name
        self.selector = selector
        self.min = min
        self.max = max
        self.transform = transform
        self.divideBy = divideBy
        self.windows = windows
        self.description = description
        self.target = target
        self.period = period
        self.ratio = ratio
        self.latency = latency
        self.by = by
    }

    init(from decoder: any Decoder) throws {
        let container: KeyedDecodingContainer<FieldKey>
        do {
            container = try decoder.container(keyedBy: FieldKey.self)
        } catch {
            throw ObjectiveError(.invalidBody, field: "", "an objective must be a JSON object")
        }
        try Self.rejectUnknownKeys(in: container, fields: Self.fields, ignoring: Self.readOnlyFields)
        name = try Self.value(String.self, "name", in: container, expected: "a string")
        selector = try Self.value(String.self, "selector", in: container, expected: "a string")
        min = try Self.value(Double.self, "min", in: container, expected: "a number")
        max = try Self.value(Double.self, "max", in: container, expected: "a number")
        transform = try Self.value(String.self, "transform", in: container, expected: "\"rate\"")
        divideBy = try Self.value(String.self, "divide_by", in: container, expected: "a string")
        windows = try Self.value(
            [String].self, "windows", in: container, expected: "a list of durations such as [\"1h\", \"3h\"]")
        description = try Self.value(String.self, "description", in: container, expected: "a string")
        target = try Self.value(Double.self, "target", in: container, expected: "a number such as 0.999")
        period = try Self.value(String.self, "period", in: container, expected: "a duration such as \"30d\"")
        ratio = try Self.value(
            RatioDocument.self, "ratio", in: container,
            expected: "an object such as {\"errors\": \"…\", \"total\": \"…\"}")
        latency = try Self.value(
            LatencyDocument.self, "latency", in: container,
            expected: "an object such as {\"histogram\": \"…\", \"threshold\": 0.3}")
        by = try Self.value([String].self, "by", in: container, expected: "a list of label names such as [\"job\"]")
    }

    /// The objective the document describes.
    /// - Parameter name: the name to use when the document has none; when both are given they must agree.
    /// - Returns: the objective.
    /// - Throws: ``ObjectiveError`` naming the field at fault.
    func objective(name defaultName: String? = nil) throws(ObjectiveError) -> Objective {
        guard let name = name ?? defaultName else {
            throw ObjectiveError(.missingField, field: "name", "required")
        }
        if let defaultName, name != defaultName {
            throw ObjectiveError(
                .invalidName, field: "name",
                "\(ConfigurationDecoder.quoted(name)) differs from the name in the URL, "
                    + ConfigurationDecoder.quoted(defaultName))
        }
        try Objective.checkName(name)
        let indicator = try ratio?.indicator()
        let latencyIndicator = try latency?.indicator()
        let parsed = try objectiveSelector(ratio: indicator, latency: latencyIndicator)
        let divisor = try divideBy.map { text throws(ObjectiveError) in try Self.selector(text, field: "divide_by") }
        var transformValue: ObjectiveTransform?
        if let transform {
            guard let value = ObjectiveTransform(rawValue: transform) else {
                throw ObjectiveError(
                    .invalidTransform, field: "transform",
                    "expected \"rate\", got \(ConfigurationDecoder.quoted(transform))")
            }
            transformValue = value
        }
        var durations: [PrometheusDuration]?
        if let windows {
            var parsedWindows: [PrometheusDuration] = []
            for window in windows {
                do {
                    parsedWindows.append(try PrometheusDuration(parsing: window))
                } catch {
                    throw ObjectiveError(.invalidWindow, field: "windows", error.description)
                }
            }
            durations = parsedWindows
        }
        return try Objective(
            name: name, selector: parsed, min: min, max: max, transform: transformValue, divideBy: divisor,
            windows: durations, description: description, budget: budget(), ratio: indicator,
            latency: latencyIndicator, by: by ?? [])
    }

    /// The selector: `selector`'s, or a ratio objective's `ratio.total`, or a latency objective's
    /// `latency.histogram` (a `selector` beside them must be that one, as API answers show it, so that an answer can
    /// be sent back).
    private func objectiveSelector(
        ratio: RatioIndicator?, latency: LatencyIndicator?
    ) throws(ObjectiveError) -> SeriesSelector {
        let parsed = try selector.map { text throws(ObjectiveError) in try Self.selector(text, field: "selector") }
        if ratio != nil, latency != nil {
            throw ObjectiveError(.invalidIndicator, field: "latency", "give ratio or latency, not both")
        }
        guard let read = ratio?.total ?? latency?.histogram else {
            guard let parsed else { throw ObjectiveError(.missingField, field: "selector", "required") }
            return parsed
        }
        if let parsed, parsed != read {
            throw ObjectiveError(
                .invalidIndicator, field: "selector",
                ratio != nil
                    ? "a ratio objective reads ratio.total and ratio.errors (or good); leave selector out"
                    : "a latency objective reads latency.histogram; leave selector out")
        }
        return read
    }

    /// The error budget: `target` with `period` (default 30 days), or none without a target.
    private func budget() throws(ObjectiveError) -> ObjectiveBudget? {
        guard let target else {
            if period != nil { throw ObjectiveError(.missingField, field: "target", "a period needs a target") }
            return nil
        }
        guard let period else { return try ObjectiveBudget(target: target) }
        let duration: PrometheusDuration
        do {
            duration = try PrometheusDuration(parsing: period)
        } catch {
            throw ObjectiveError(.invalidBudget, field: "period", error.description)
        }
        return try ObjectiveBudget(target: target, period: duration)
    }

    /// A selector field parsed, or an error naming the field and the column of the mistake.
    static func selector(_ text: String, field: String) throws(ObjectiveError) -> SeriesSelector {
        do {
            return try SeriesSelector(parsing: text)
        } catch {
            throw ObjectiveError(
                .invalidSelector, field: field,
                "invalid selector at column \(error.column)\(error.line > 1 ? " of line \(error.line)" : ""): "
                    + error.message)
        }
    }

    /// The keys of an object nested in the body (`ratio`, `latency`): an error naming `field` when it is not an
    /// object, and naming `field.key` for a key not in `fields`.
    static func nestedObject(
        _ decoder: any Decoder, field: String, fields: [String], example: String
    ) throws(ObjectiveError) -> KeyedDecodingContainer<FieldKey> {
        let container: KeyedDecodingContainer<FieldKey>
        do {
            container = try decoder.container(keyedBy: FieldKey.self)
        } catch {
            throw ObjectiveError(.wrongType, field: field, "expected an object such as \(example)")
        }
        try rejectUnknownKeys(in: container, fields: fields, prefix: field + ".")
        return container
    }

    /// Throws for the first key, in name order, that is neither in `fields` nor in `ignored`, suggesting the closest
    /// field; `prefix` names the object (`ratio.`) in the error.
    static func rejectUnknownKeys(
        in container: KeyedDecodingContainer<FieldKey>, fields: [String], ignoring ignored: [String] = [],
        prefix: String = ""
    ) throws(ObjectiveError) {
        for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue })
        where !fields.contains(key.stringValue) && !ignored.contains(key.stringValue) {
            var message = "unknown field"
            if let suggestion = ConfigurationDecoder.closest(to: key.stringValue, in: fields) {
                message += " (did you mean \(ConfigurationDecoder.quoted(suggestion))?)"
            }
            throw ObjectiveError(.unknownField, field: prefix + key.stringValue, message)
        }
    }

    /// Decodes one optional field; JSON `null` counts as absent, a value of another type is an error naming it.
    /// - Parameter path: the field's name in the error, when it is not `field` (a nested field's `ratio.total`).
    static func value<T: Decodable>(
        _ type: T.Type, _ field: String, in container: KeyedDecodingContainer<FieldKey>, expected: String,
        path: String? = nil
    ) throws(ObjectiveError) -> T? {
        do {
            return try container.decodeIfPresent(type, forKey: FieldKey(field))
        } catch let error as ObjectiveError {
            throw error
        } catch {
            throw ObjectiveError(.wrongType, field: path ?? field, "expected \(expected)")
        }
    }
}

/// A JSON object key, whatever its text.
struct FieldKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ string: String) {
        stringValue = string
    }

    init?(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        nil
    }
}
