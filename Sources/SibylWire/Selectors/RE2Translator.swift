/// Translates a Go (RE2) regular expression, as Prometheus compiles label matchers, into Swift `Regex` syntax with
/// the same meaning, or rejects what Go would reject.
///
/// Matching is RE2's (``RE2Expression``); ``check(_:)`` runs the translation only to reject what Go rejects, with
/// Go's messages, before RE2 (whose C++ parser accepts a little more, such as `\C`) compiles the pattern.
///
/// Swift's Regex accepts a superset of RE2 and reads some of it differently: `.` also stops at `\r`, `\d` `\s` `\w`
/// and the POSIX classes are Unicode-wide, `{,3}` is a repetition, `\12` a back-reference, `[[a]]` a nested class.
/// The translation therefore writes every construct out explicitly (literals as `\x{…}`, classes as ranges) and
/// keeps only plain groups, alternation, repetitions, anchors and `\p{…}`. Lookarounds, back-references,
/// possessive or nested repetitions, repeat counts over 1000 and unknown escapes are errors, as in Go.
struct RE2Translator {
    /// A construct Go's `regexp/syntax` rejects, described as Go describes it.
    struct SyntaxError: Error, CustomStringConvertible {
        /// What is wrong, such as "invalid nested repetition operator: `**`".
        let description: String
    }

    /// Go's flags that change the meaning of `.`, `^`, `$` and `\p{…}`, saved at each group opening.
    struct Scope {
        var dotMatchesNewline = false
        var multiLine = false
        var caseInsensitive = false
    }

    let scalars: [Unicode.Scalar]
    var index = 0
    private var output = ""
    var scope = Scope()
    private var openGroups: [Scope] = []
    /// Go's repeat budget (see ``repeatedSize(_:_:text:)``) of the last atom, `nil` when none may be repeated.
    private var lastAtomSize: Int?
    /// The largest budget among the finished atoms of the current group.
    private var groupSize = 0
    /// `groupSize` of each enclosing group.
    private var enclosingGroupSizes: [Int] = []

    private init(_ pattern: String) {
        scalars = Array(pattern.unicodeScalars)
    }

    /// Rejects what Go's `regexp/syntax` would reject in `pattern`.
    /// - Throws: ``SyntaxError`` with Go's description.
    static func check(_ pattern: String) throws(SyntaxError) {
        _ = try swiftPattern(for: pattern)
    }

    /// The Swift `Regex` pattern equivalent to the RE2 `pattern`.
    /// - Throws: ``SyntaxError`` for what Go would reject.
    static func swiftPattern(for pattern: String) throws(SyntaxError) -> String {
        var translator = RE2Translator(pattern)
        return try translator.translate()
    }

    private mutating func translate() throws(SyntaxError) -> String {
        var lastRepetition: String?
        while let scalar = peek() {
            let previousRepetition = lastRepetition
            lastRepetition = nil
            switch scalar {
            case "*", "+", "?", "{":
                let start = index
                guard let repetition = try scanRepetition() else {
                    startAtom()
                    output += Self.literal("{")
                    index += 1
                    continue
                }
                if let previousRepetition {
                    throw SyntaxError(
                        description: "invalid nested repetition operator: `\(previousRepetition)\(repetition.text)`"
                    )
                }
                guard let operandSize = lastAtomSize else {
                    throw SyntaxError(description: "missing argument to repetition operator: `\(text(from: start))`")
                }
                if let counts = repetition.counts {
                    lastAtomSize = try Self.repeatedSize(operandSize, counts, text: text(from: start))
                }
                output += repetition.text
                lastRepetition = repetition.text
            case "(":
                commitAtom()
                if try openGroup() {
                    enclosingGroupSizes.append(groupSize)
                    groupSize = 0
                }
            case ")":
                guard let outer = openGroups.popLast() else {
                    throw SyntaxError(description: "unexpected ): `\(String(String.UnicodeScalarView(scalars)))`")
                }
                scope = outer
                commitAtom()
                lastAtomSize = groupSize
                groupSize = enclosingGroupSizes.popLast() ?? 0
                output += ")"
                index += 1
            case "|":
                commitAtom()
                output += "|"
                index += 1
            case "[":
                startAtom()
                output += try scanClass()
            case ".":
                startAtom()
                output += scope.dotMatchesNewline ? #"[\x{0}-\x{10FFFF}]"# : #"[^\n]"#
                index += 1
            case "^":
                startAtom()
                output += scope.multiLine ? "(?m:^)" : #"\A"#
                index += 1
            case "$":
                startAtom()
                output += scope.multiLine ? #"(?=\n|\z)"# : #"\z"#
                index += 1
            case "\\":
                startAtom()
                output += try scanEscape()
            default:
                startAtom()
                output += Self.literal(scalar)
                index += 1
            }
        }
        guard openGroups.isEmpty else {
            throw SyntaxError(description: "missing closing ): `\(String(String.UnicodeScalarView(scalars)))`")
        }
        return output
    }

    // MARK: - Repetitions and groups

    /// A repetition operator as written for Swift, with its counts when it is `{…}`.
    private struct Repetition {
        var text: String
        var counts: (minimum: Int, maximum: Int?)?
    }

    /// Ends the previous atom and starts one that holds a single copy of itself.
    private mutating func startAtom() {
        commitAtom()
        lastAtomSize = 0
    }

    /// Folds the previous atom's size into its group's.
    private mutating func commitAtom() {
        if let size = lastAtomSize {
            groupSize = max(groupSize, size)
        }
        lastAtomSize = nil
    }

    /// The size Go's `repeatIsValid` budgets for `{min,max}` around an operand, or an error past 1000 copies.
    ///
    /// A counted repetition needs `max` (or `min` when unbounded) times its operand's need, so nested counts
    /// multiply; Go checks it whenever a count is at least 2.
    private static func repeatedSize(
        _ operand: Int,
        _ counts: (minimum: Int, maximum: Int?),
        text: String
    ) throws(SyntaxError) -> Int {
        let (minimum, maximum) = counts
        if maximum == 0 {
            return 0
        }
        let copies = maximum ?? minimum
        let size = copies == 0 ? operand : min(max(copies, copies * operand), 1_000_001)
        if (minimum >= 2 || (maximum ?? -1) >= 2) && size > 1000 {
            throw SyntaxError(description: "invalid repeat count: `\(text)`")
        }
        return size
    }

    /// Reads `*`, `+`, `?`, `{n}`, `{n,}` or `{n,m}` with an optional lazy `?`; `nil` for a `{` that is a literal.
    private mutating func scanRepetition() throws(SyntaxError) -> Repetition? {
        let start = index
        var repetition: Repetition
        if peek() == "{" {
            index += 1
            guard let minimum = scanRepeatCount() else {
                index = start
                return nil
            }
            var maximum: Int? = minimum
            if peek() == "," {
                index += 1
                maximum = peek() == "}" ? nil : scanRepeatCount()
                if maximum == nil && peek() != "}" {
                    index = start
                    return nil
                }
            }
            guard peek() == "}" else {
                index = start
                return nil
            }
            index += 1
            if minimum > 1000 || (maximum ?? 0) > 1000 || (maximum.map { $0 < minimum } ?? false) {
                throw SyntaxError(description: "invalid repeat count: `\(text(from: start))`")
            }
            let text = "{\(minimum)" + (maximum == minimum ? "}" : ",\(maximum.map(String.init) ?? "")}")
            repetition = Repetition(text: text, counts: (minimum, maximum))
        } else {
            repetition = Repetition(text: String(scalars[index]))
            index += 1
        }
        if peek() == "?" {
            repetition.text += "?"
            index += 1
        }
        return repetition
    }

    /// Reads a repeat count as Go does: digits without a leading zero; huge values become 1001 (an error later).
    private mutating func scanRepeatCount() -> Int? {
        let start = index
        var value = 0
        while let scalar = peek(), let digit = Self.digitValue(scalar, radix: 10) {
            value = min(value * 10 + digit, 1001)
            index += 1
        }
        let count = index - start
        guard count > 0, !(count > 1 && scalars[start] == "0") else {
            return nil
        }
        return value
    }

    /// Translates `(`, `(?:`, `(?P<name>` or a flag group `(?flags)` / `(?flags:`.
    /// - Returns: whether a group was opened (`false` for `(?flags)`).
    private mutating func openGroup() throws(SyntaxError) -> Bool {
        index += 1
        guard peek() == "?" else {
            openGroups.append(scope)
            output += "(?:"
            return true
        }
        let start = index - 1
        index += 1
        if peek() == "P", peek(offset: 1) == "<" {
            index += 2
            var name = ""
            while let scalar = peek(), scalar != ">" {
                name.unicodeScalars.append(scalar)
                index += 1
            }
            guard peek() == ">", !name.isEmpty, name.unicodeScalars.allSatisfy(Self.isWordCharacter) else {
                throw SyntaxError(description: "invalid named capture: `\(text(from: start))`")
            }
            index += 1
            openGroups.append(scope)
            output += "(?:"
            return true
        }
        var flags = scope
        var swiftOn = ""
        var swiftOff = ""
        var negated = false
        var sawFlag = false
        while let scalar = peek() {
            index += 1
            switch scalar {
            case "i", "U":
                if scalar == "i" {
                    flags.caseInsensitive = !negated
                }
                if negated {
                    swiftOff.unicodeScalars.append(scalar)
                } else {
                    swiftOn.unicodeScalars.append(scalar)
                }
                sawFlag = true
            case "s":
                flags.dotMatchesNewline = !negated
                sawFlag = true
            case "m":
                flags.multiLine = !negated
                sawFlag = true
            case "-" where !negated:
                negated = true
                sawFlag = false
            case ")" where !negated || sawFlag, ":" where !negated || sawFlag:
                let swiftFlags = swiftOn + (swiftOff.isEmpty ? "" : "-" + swiftOff)
                if scalar == ")" {
                    scope = flags
                    output += swiftFlags.isEmpty ? "" : "(?\(swiftFlags))"
                    return false
                }
                openGroups.append(scope)
                scope = flags
                output += "(?\(swiftFlags):"
                return true
            default:
                throw SyntaxError(description: "invalid or unsupported Perl syntax: `\(text(from: start))`")
            }
        }
        throw SyntaxError(description: "invalid or unsupported Perl syntax: `\(text(from: start))`")
    }

    // MARK: - Helpers

    /// The scalar at `index + offset`, or `nil` past the end.
    func peek(offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    /// The pattern text from `start` to the current index.
    func text(from start: Int) -> String {
        String(String.UnicodeScalarView(scalars[start..<min(index, scalars.count)]))
    }

    /// A scalar as a Swift regex literal: word characters as themselves, everything else as `\x{…}`.
    static func literal(_ scalar: Unicode.Scalar) -> String {
        isWordCharacter(scalar) ? String(scalar) : "\\x{" + String(scalar.value, radix: 16) + "}"
    }

    /// `[0-9A-Za-z_]`.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
    }

    /// The value of a digit in `radix` (8, 10 or 16), or `nil`.
    static func digitValue(_ scalar: Unicode.Scalar, radix: Int) -> Int? {
        let value: Int
        switch scalar {
        case "0"..."9": value = Int(scalar.value) - 0x30
        case "a"..."f": value = Int(scalar.value) - 0x61 + 10
        case "A"..."F": value = Int(scalar.value) - 0x41 + 10
        default: return nil
        }
        return value < radix ? value : nil
    }
}
