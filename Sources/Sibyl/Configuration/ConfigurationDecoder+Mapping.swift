import Yams

extension ConfigurationDecoder {
    /// The root mapping of the document, its keys checked against the sections; an empty document is an empty mapping.
    /// - Parameters:
    ///   - node: the document's root node, `nil` for an empty document.
    ///   - keys: the section names.
    /// - Returns: the checked mapping, or `nil` (reported) when the root is not a mapping.
    mutating func rootMapping(_ node: Node?, keys: [String]) -> ConfigurationMapping? {
        let root = ConfigurationField(path: "", keyPosition: .start, value: node ?? Node("", .implicit, .plain))
        return mapping(root, keys: keys)
    }

    /// A section's mapping, its keys checked: unknown and non-string keys are reported.
    /// - Parameters:
    ///   - field: the section's field; null counts as an empty mapping.
    ///   - keys: the keys the section accepts.
    /// - Returns: the checked mapping, or `nil` (reported) when the value is not a mapping.
    mutating func mapping(_ field: ConfigurationField, keys: [String]) -> ConfigurationMapping? {
        let section = field.path
        if field.isNull {
            return ConfigurationMapping(path: section, position: field.keyPosition, fields: [:])
        }
        guard case .mapping(let mapping) = field.value else {
            let what = section.isEmpty ? "the configuration" : "section \(section)"
            report(
                .wrongType, at: field.valuePosition,
                "\(what) must be a mapping of keys, got \(Self.describe(field.value))")
            return nil
        }
        var fields: [String: ConfigurationField] = [:]
        for (keyNode, value) in mapping {
            let keyPosition = ConfigurationPosition(keyNode.mark, or: field.keyPosition)
            guard case .scalar(let scalar) = keyNode else {
                report(.wrongType, at: keyPosition, "a key must be a string, got \(Self.describe(keyNode))")
                continue
            }
            let key = scalar.string
            guard keys.contains(key) else {
                var message =
                    section.isEmpty
                    ? "unknown section \(Self.quoted(key))" : "unknown key \(Self.quoted(key)) in section \(section)"
                if let suggestion = Self.closest(to: key, in: keys) {
                    message += " (did you mean \(Self.quoted(suggestion))?)"
                }
                report(.unknownKey, at: keyPosition, message)
                continue
            }
            let path = section.isEmpty ? key : "\(section).\(key)"
            fields[key] = ConfigurationField(path: path, keyPosition: keyPosition, value: value)
        }
        return ConfigurationMapping(path: section, position: field.keyPosition, fields: fields)
    }

    /// The entries of a mapping whose keys are data rather than settings (user names, header names), in file order.
    /// - Returns: the entries, or `nil` (reported) when the value is not a mapping or a key is not a string.
    mutating func entries(_ field: ConfigurationField) -> [(key: String, field: ConfigurationField)]? {
        if field.isNull { return [] }
        guard case .mapping(let mapping) = field.value else {
            report(
                .wrongType, at: field.valuePosition,
                "\(field.path) must be a mapping, got \(Self.describe(field.value))")
            return nil
        }
        var entries: [(key: String, field: ConfigurationField)] = []
        for (keyNode, value) in mapping {
            let keyPosition = ConfigurationPosition(keyNode.mark, or: field.keyPosition)
            guard case .scalar(let scalar) = keyNode else {
                report(.wrongType, at: keyPosition, "a key must be a string, got \(Self.describe(keyNode))")
                return nil
            }
            let path = "\(field.path).\(scalar.string)"
            entries.append((scalar.string, ConfigurationField(path: path, keyPosition: keyPosition, value: value)))
        }
        return entries
    }

    /// Reports a required key that is absent from a section.
    /// - Parameters:
    ///   - mapping: the section.
    mutating func reportMissing(_ key: String, in mapping: ConfigurationMapping) {
        let message =
            mapping.path.isEmpty
            ? "missing required section \(Self.quoted(key))"
            : "missing required key \(Self.quoted(key)) in section \(mapping.path)"
        report(.missingKey, at: mapping.position, message)
    }

    /// The known key a mistyped one most likely meant: case and `-`/`_` ignored, at most a third of it edited.
    /// - Parameters:
    ///   - key: the unknown key.
    ///   - keys: the known keys.
    /// - Returns: the closest known key, or `nil` when none is close.
    static func closest(to key: String, in keys: [String]) -> String? {
        let normalized = normalize(key)
        let limit = max(1, min(3, normalized.count / 3))
        let scored = keys.map { ($0, editDistance(normalized, normalize($0))) }.filter { $0.1 <= limit }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// A short description of a node for messages: a quoted scalar, `nothing`, `a list` or `a mapping`.
    /// - Returns: the description.
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return isNull(node) ? "nothing" : quoted(scalar.string)
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// Whether a node is YAML null: an unquoted empty value, `~` or `null`.
    /// - Returns: `true` for null.
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// A value in double quotes for a message, with `\`, `"` and control characters escaped, cut after 80 characters.
    /// - Parameter text: the value.
    /// - Returns: the quoted text.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for (index, scalar) in text.unicodeScalars.enumerated() {
            guard index < 80 else {
                result += "…"
                break
            }
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.properties.generalCategory == .control {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    private static func normalize(_ key: String) -> [Character] {
        Array(key.lowercased().map { $0 == "-" ? "_" : $0 })
    }

    /// The Levenshtein distance between two strings.
    private static func editDistance(_ lhs: [Character], _ rhs: [Character]) -> Int {
        guard !lhs.isEmpty else { return rhs.count }
        guard !rhs.isEmpty else { return lhs.count }
        var previous = Array(0...rhs.count)
        var current = previous
        for (i, left) in lhs.enumerated() {
            current[0] = i + 1
            for (j, right) in rhs.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (left == right ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[rhs.count]
    }
}
