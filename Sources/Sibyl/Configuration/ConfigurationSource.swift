/// The text of a configuration file, read line by line to map positions inside a value back to the file.
struct ConfigurationSource {
    /// The whole text.
    let text: String
    /// Where each line starts in the text's Unicode scalars.
    private let lineStarts: [String.UnicodeScalarView.Index]

    /// Indexes the lines of a text.
    init(text: String) {
        self.text = text
        var starts = [text.unicodeScalars.startIndex]
        var index = text.unicodeScalars.startIndex
        while index < text.unicodeScalars.endIndex {
            let next = text.unicodeScalars.index(after: index)
            if text.unicodeScalars[index] == "\n" {
                starts.append(next)
            }
            index = next
        }
        self.lineStarts = starts
    }

    /// The Unicode scalars of a 1-based line, without its line break; `nil` past the end.
    /// - Parameter number: the line number.
    /// - Returns: the line's scalars.
    func line(_ number: Int) -> [Unicode.Scalar]? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let end = number < lineStarts.count ? lineStarts[number] : text.unicodeScalars.endIndex
        var scalars = Array(text.unicodeScalars[lineStarts[number - 1]..<end])
        while scalars.last == "\n" || scalars.last == "\r" {
            scalars.removeLast()
        }
        return scalars
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
}
