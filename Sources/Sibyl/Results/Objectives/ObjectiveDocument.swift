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
    static let fields = ["name", "selector", "min", "max", "transform", "divide_by", "windows", "description"]
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

    /// Creates a document from its fields.
    init(
        name: String?, selector: String?, min: Double?, max: Double?, transform: String?, divideBy: String? = nil,
        windows: [String]?, description: String?
    ) {
        self.name = name
        self.selector = selector
        self.min = min
        self.max = max
        self.transform = transform
        self.divideBy = divideBy
        self.windows = windows
        self.description = description
    }

    init(from decoder: any Decoder) throws {
        let container: KeyedDecodingContainer<FieldKey>
        do {
            container = try decoder.container(keyedBy: FieldKey.self)
        } catch {
            throw ObjectiveError(.invalidBody, field: "", "an objective must be a JSON object")
        }
        for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue })
        where !Self.fields.contains(key.stringValue) && !Self.readOnlyFields.contains(key.stringValue) {
            var message = "unknown field"
            if let suggestion = ConfigurationDecoder.closest(to: key.stringValue, in: Self.fields) {
                message += " (did you mean \(ConfigurationDecoder.quoted(suggestion))?)"
            }
            throw ObjectiveError(.unknownField, field: key.stringValue, message)
        }
        name = try Self.value(String.self, "name", in: container, expected: "a string")
        selector = try Self.value(String.self, "selector", in: container, expected: "a string")
        min = try Self.value(Double.self, "min", in: container, expected: "a number")
        max = try Self.value(Double.self, "max", in: container, expected: "a number")
        transform = try Self.value(String.self, "transform", in: container, expected: "\"rate\"")
        divideBy = try Self.value(String.self, "divide_by", in: container, expected: "a string")
        windows = try Self.value(
            [String].self, "windows", in: container, expected: "a list of durations such as [\"1h\", \"3h\"]")
        description = try Self.value(String.self, "description", in: container, expected: "a string")
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
        guard let selector else { throw ObjectiveError(.missingField, field: "selector", "required") }
        let parsed = try Self.selector(selector, field: "selector")
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
            windows: durations, description: description)
    }

    /// A selector field parsed, or an error naming the field and the column of the mistake.
    private static func selector(_ text: String, field: String) throws(ObjectiveError) -> SeriesSelector {
        do {
            return try SeriesSelector(parsing: text)
        } catch {
            throw ObjectiveError(
                .invalidSelector, field: field,
                "invalid selector at column \(error.column)\(error.line > 1 ? " of line \(error.line)" : ""): "
                    + error.message)
        }
    }

    /// Decodes one optional field; JSON `null` counts as absent, a value of another type is an error naming it.
    private static func value<T: Decodable>(
        _ type: T.Type, _ field: String, in container: KeyedDecodingContainer<FieldKey>, expected: String
    ) throws(ObjectiveError) -> T? {
        do {
            return try container.decodeIfPresent(type, forKey: FieldKey(field))
        } catch {
            throw ObjectiveError(.wrongType, field: field, "expected \(expected)")
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
