import Yams

extension ConfigurationDecoder {
    /// Reports an error Yams threw while composing the document, at the position libyaml gave.
    /// - Parameter error: the error from `Yams.compose`.
    mutating func reportYAMLError(_ error: any Error) {
        guard let error = error as? YamlError else {
            report(.invalidYAML, at: .start, "invalid YAML: \(error)")
            return
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            report(.invalidYAML, at: ConfigurationPosition(mark), "invalid YAML: \(Self.message(problem, context))")
        case .reader(let problem, let offset, _, _):
            let position = offset.map(source.position(ofCharacterOffset:)) ?? .start
            report(.invalidYAML, at: position, "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let first = ConfigurationPosition(context.mark)
            let key = duplicates.first ?? ""
            let position = repeatedKeyPosition(key, after: first) ?? first
            report(.duplicateKey, at: position, "duplicate key \(Self.quoted(key))")
        default:
            report(.invalidYAML, at: .start, "invalid YAML: \(error)")
        }
    }

    /// libyaml's problem with its context: `could not find expected ':' (while scanning a simple key at 3:1)`.
    private static func message(_ problem: String, _ context: YamlError.Context?) -> String {
        guard let context else { return problem }
        guard context.text.hasPrefix("while") else { return "\(context.text), \(problem)" }
        return "\(problem) (\(context.text) at \(context.mark.line):\(context.mark.column))"
    }

    /// Where a block-mapping key that first stands at `first` is repeated: the next line at the same column that
    /// starts with `key:`, before the mapping ends (a line indented less). `nil` when it cannot be found that way
    /// (flow mappings, quoted keys).
    func repeatedKeyPosition(_ key: String, after first: ConfigurationPosition) -> ConfigurationPosition? {
        let indent = first.column - 1
        let keyScalars = Array(key.unicodeScalars)
        var number = first.line + 1
        while let line = source.line(number) {
            defer { number += 1 }
            let leading = line.prefix { $0 == " " }.count
            guard leading < line.count, line[leading] != "#" else { continue }
            guard leading >= indent else { return nil }
            guard leading == indent, line.count >= indent + keyScalars.count,
                Array(line[indent..<(indent + keyScalars.count)]) == keyScalars
            else { continue }
            let rest = line[(indent + keyScalars.count)...].drop { $0 == " " }
            if rest.first == ":" {
                return ConfigurationPosition(line: number, column: first.column)
            }
        }
        return nil
    }
}
