/// Text made safe for HTML element content and double- or single-quoted attribute values.
enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references.
    /// - Parameter text: any text, from labels, values or errors.
    /// - Returns: the escaped text.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// The first `limit` characters of `text`, with an ellipsis when it was longer, escaped.
    /// - Parameters:
    ///   - text: any text.
    ///   - limit: the most characters kept.
    /// - Returns: the escaped, bounded text.
    static func escape(_ text: String, limit: Int) -> String {
        text.count > limit ? escape(String(text.prefix(limit))) + "…" : escape(text)
    }
}
