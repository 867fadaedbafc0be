import SibylWire
import Yams

extension ConfigurationDecoder {
    /// The `selectors` list: at least one PromQL series selector, none repeated.
    ///
    /// A selector's parse error is placed at its column in the file when the selector is a plain, single- or
    /// double-quoted scalar on one line (double-quoted without escapes before the error); otherwise at the selector's
    /// start, with the position inside the selector in the message.
    /// - Parameters:
    ///   - field: the `selectors` field, if present.
    ///   - root: the root mapping (a missing list is reported at its position).
    /// - Returns: the selectors that parsed.
    mutating func selectors(_ field: ConfigurationField?, in root: ConfigurationMapping) -> [SeriesSelector] {
        guard let field else {
            reportMissing("selectors", in: root)
            return []
        }
        return selectorList(field, requireOne: true)
    }

    /// A list of PromQL series selectors, none repeated, each error placed as ``selectors(_:in:)`` places it.
    /// - Parameters:
    ///   - field: the list's field.
    ///   - requireOne: whether an empty list is a mistake.
    /// - Returns: the selectors that parsed.
    mutating func selectorList(_ field: ConfigurationField, requireOne: Bool) -> [SeriesSelector] {
        guard let elements = list(field, expected: "a list of PromQL series selectors") else { return [] }
        guard !elements.isEmpty || !requireOne else {
            report(.invalidSelector, at: field.valuePosition, "\(field.path): at least one selector is required")
            return []
        }
        var selectors: [SeriesSelector] = []
        var firstLines: [SeriesSelector: Int] = [:]
        for element in elements {
            guard let text = scalar(element, expected: "a PromQL series selector such as '{job=\"node\"}'") else {
                continue
            }
            let selector: SeriesSelector
            do {
                selector = try SeriesSelector(parsing: text)
            } catch {
                reportSelectorError(error, in: element)
                continue
            }
            if let line = firstLines[selector] {
                report(
                    .duplicateValue, at: element.valuePosition,
                    "\(element.path): duplicate selector \(selector) (first on line \(line))")
                continue
            }
            firstLines[selector] = element.valuePosition.line
            selectors.append(selector)
        }
        return selectors
    }

    mutating func reportSelectorError(_ error: SelectorParseError, in element: ConfigurationField) {
        if let position = filePosition(of: error, in: element) {
            report(.invalidSelector, at: position, "\(element.path): invalid selector: \(error.message)")
        } else {
            report(
                .invalidSelector, at: element.valuePosition,
                "\(element.path): invalid selector (at \(error.line):\(error.column) of the selector): \(error.message)"
            )
        }
    }

    /// The file position of a selector error, following the scalar's source text character by character.
    /// - Parameters:
    ///   - error: the error, positioned inside the selector text.
    ///   - element: the selector's field.
    /// - Returns: the position, or `nil` when the source text cannot be followed (block scalars, escapes, folding).
    func filePosition(of error: SelectorParseError, in element: ConfigurationField) -> ConfigurationPosition? {
        guard error.line == 1, case .scalar(let scalar) = element.value, let mark = scalar.mark,
            let line = source.line(mark.line)
        else { return nil }
        let value = Array(scalar.string.unicodeScalars)
        let before = error.column - 1
        guard before >= 0, before <= value.count else { return nil }
        var index = mark.column - 1
        switch scalar.style {
        case .plain, .any: break
        case .singleQuoted, .doubleQuoted: index += 1
        case .literal, .folded: return nil
        }
        for expected in value[..<before] {
            guard index < line.count else { return nil }
            let found = line[index]
            if scalar.style == .doubleQuoted, found == "\\" { return nil }
            if scalar.style == .singleQuoted, expected == "'" {
                guard found == "'", index + 1 < line.count, line[index + 1] == "'" else { return nil }
                index += 2
                continue
            }
            guard found == expected else { return nil }
            index += 1
        }
        return ConfigurationPosition(line: mark.line, column: index + 1)
    }
}
