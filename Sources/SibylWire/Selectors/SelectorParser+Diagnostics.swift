extension SelectorParser {
    /// An error at `offset` (default: the current index).
    func failure(
        _ code: SelectorParseError.Code,
        at offset: Int? = nil,
        _ message: String
    ) -> SelectorParseError {
        let (line, column) = location(of: offset ?? index)
        return SelectorParseError(code, line: line, column: column, message: message)
    }

    /// An "expected …, found …" error at the current index.
    func unexpected(_ expectation: String) -> SelectorParseError {
        let found = describeCharacter(at: index)
        let code: SelectorParseError.Code = index < bytes.count ? .unexpectedCharacter : .unexpectedEnd
        return failure(code, "expected \(expectation), found \(found)")
    }

    /// The 1-based line and column (in Unicode scalars) of a byte offset.
    func location(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in bytes[..<min(max(offset, 0), bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    /// The character at a byte offset, quoted, or "end of input".
    func describeCharacter(at offset: Int) -> String {
        guard offset >= 0, offset < bytes.count else {
            return "end of input"
        }
        var end = offset + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 {
            end += 1
        }
        return PromQLText.quoted(String(decoding: bytes[offset..<end], as: UTF8.self))
    }
}
