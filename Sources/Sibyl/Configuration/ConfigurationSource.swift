/// The text of a configuration file, read line by line to map positions inside a value back to the file.
struct ConfigurationSource {
    /// The whole text.
    let text: String

    /// The Unicode scalars of a 1-based line, without its line break; `nil` past the end.
    /// - Parameter number: the line number.
    /// - Returns: the line's scalars.
    func line(_ number: Int) -> [Unicode.Scalar]? {
        guard number >= 1 else { return nil }
        var current = 1
        var scalars: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if current == number { return Self.trimmingCarriageReturn(scalars) }
                current += 1
            } else if current == number {
                scalars.append(scalar)
            }
        }
        return current == number ? Self.trimmingCarriageReturn(scalars) : nil
    }

    /// The 1-based line and column of the character at a `Character` offset (as Yams gives reader errors).
    /// - Parameter offset: the offset in characters.
    /// - Returns: the position, or the end of the text past it.
    func position(ofCharacterOffset offset: Int) -> ConfigurationPosition {
        var position = ConfigurationPosition.start
        for character in text.prefix(max(offset, 0)) {
            if character.isNewline {
                position.line += 1
                position.column = 1
            } else {
                position.column += character.unicodeScalars.count
            }
        }
        return position
    }

    private static func trimmingCarriageReturn(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        scalars.last == "\r" ? Array(scalars.dropLast()) : scalars
    }
}
