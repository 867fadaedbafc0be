import Foundation
import Yams

extension ConfigurationDecoder {
    /// A scalar value as text; a list, a mapping or nothing is reported.
    /// - Parameters:
    ///   - expected: what the key takes, for the message (`a string`, `a duration such as 60s`).
    /// - Returns: the text, or `nil` when reported.
    mutating func scalar(_ field: ConfigurationField, expected: String = "a string") -> String? {
        guard case .scalar(let scalar) = field.value, !field.isNull else {
            report(
                .wrongType, at: field.valuePosition,
                "\(field.path): expected \(expected), got \(Self.describe(field.value))")
            return nil
        }
        return scalar.string
    }

    /// A duration in Prometheus syntax.
    /// - Returns: the duration, or `nil` when reported.
    mutating func duration(_ field: ConfigurationField) -> PrometheusDuration? {
        guard let text = scalar(field, expected: "a duration such as 60s") else { return nil }
        do {
            return try PrometheusDuration(parsing: text)
        } catch {
            report(.invalidDuration, at: field.valuePosition, "\(field.path): \(error)")
            return nil
        }
    }

    /// A duration greater than zero.
    /// - Returns: the duration, or `nil` when reported.
    mutating func positiveDuration(_ field: ConfigurationField) -> PrometheusDuration? {
        guard let duration = duration(field) else { return nil }
        guard duration.milliseconds > 0 else {
            report(.invalidValue, at: field.valuePosition, "\(field.path): must be greater than zero, got \(duration)")
            return nil
        }
        return duration
    }

    /// A decimal integer (YAML's `_` separators allowed) within a range.
    /// - Parameters:
    ///   - range: the values allowed.
    /// - Returns: the integer, or `nil` when reported.
    mutating func integer(_ field: ConfigurationField, in range: ClosedRange<Int>) -> Int? {
        guard let text = scalar(field, expected: "an integer") else { return nil }
        guard let value = Int(text.filter { $0 != "_" }) else {
            report(.wrongType, at: field.valuePosition, "\(field.path): expected an integer, got \(Self.quoted(text))")
            return nil
        }
        guard range.contains(value) else {
            let bounds =
                range.upperBound == .max
                ? "at least \(range.lowerBound)" : "between \(range.lowerBound) and \(range.upperBound)"
            report(.invalidValue, at: field.valuePosition, "\(field.path): must be \(bounds), got \(value)")
            return nil
        }
        return value
    }

    /// One of a fixed set of words.
    /// - Parameters:
    ///   - choices: the words and their values.
    /// - Returns: the chosen value, or `nil` when reported.
    mutating func choice<Value>(_ field: ConfigurationField, _ choices: KeyValuePairs<String, Value>) -> Value? {
        let words = choices.map { Self.quoted($0.key) }
        let expected =
            words.count == 1 ? words[0] : words.dropLast().joined(separator: ", ") + " or " + (words.last ?? "")
        guard let text = scalar(field, expected: expected) else { return nil }
        guard let value = choices.first(where: { $0.key == text })?.value else {
            report(
                .invalidValue, at: field.valuePosition, "\(field.path): expected \(expected), got \(Self.quoted(text))")
            return nil
        }
        return value
    }

    /// An absolute `http` or `https` URL with a host.
    /// - Returns: the URL text, or `nil` when reported.
    mutating func httpURL(_ field: ConfigurationField) -> String? {
        guard let text = scalar(field, expected: "a URL") else { return nil }
        guard let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else {
            report(
                .invalidURL, at: field.valuePosition,
                "\(field.path): not an absolute http or https URL: \(Self.quoted(text))")
            return nil
        }
        return text
    }

    /// The elements of a list, each as a field with the list's path.
    /// - Parameters:
    ///   - expected: what the list holds, for the message (`a list of durations`).
    /// - Returns: the elements, or `nil` when reported.
    mutating func list(_ field: ConfigurationField, expected: String) -> [ConfigurationField]? {
        guard case .sequence(let sequence) = field.value else {
            report(
                .wrongType, at: field.valuePosition,
                "\(field.path): expected \(expected), got \(Self.describe(field.value))")
            return nil
        }
        return sequence.map {
            ConfigurationField(
                path: field.path, keyPosition: ConfigurationPosition($0.mark, or: field.keyPosition), value: $0)
        }
    }
}
