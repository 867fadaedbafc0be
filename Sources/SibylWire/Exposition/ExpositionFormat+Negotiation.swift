extension ExpositionFormat {
    /// The format to answer a scrape with, from its `Accept` header (RFC 9110 §12.5.1).
    ///
    /// The media ranges are tried from the highest `q` down (in header order among equals; `q=0` is refused):
    /// `application/openmetrics-text` with `version` 1.0.0 or 0.0.1 (0.0.1 when absent) gives OpenMetrics,
    /// `text/plain` with `version` 0.0.4 or 1.0.0 (0.0.4 when absent) gives the text format, and a wildcard
    /// (`*/*`, `text/*`) gives the text format 0.0.4. `escaping=allow-utf-8` on the chosen range of version
    /// 1.0.0 quotes names that are not legacy names; otherwise they are escaped with underscores. Without a usable
    /// range the answer is the text format 0.0.4. Prometheus 3's default header,
    /// `application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,…,*/*;q=0.2`, gives OpenMetrics
    /// 1.0.0 with UTF-8 names; Prometheus 2's gives OpenMetrics 1.0.0 with escaped names.
    /// - Parameter accept: the `Accept` header's value, `nil` when absent.
    /// - Returns: the format.
    public static func negotiate(accept: String?) -> ExpositionFormat {
        guard let accept else { return .text }
        let ranges = accept.split(separator: ",").enumerated().compactMap { position, text in
            MediaRange(text).map { (position: position, range: $0) }
        }
        let ordered = ranges.filter { $0.range.quality > 0 }.sorted {
            $0.range.quality != $1.range.quality ? $0.range.quality > $1.range.quality : $0.position < $1.position
        }
        for (_, range) in ordered {
            if let format = range.format {
                return format
            }
        }
        return .text
    }

    /// Whether an `Accept-Encoding` header asks for gzip: `gzip` (or `x-gzip`, or `*`) with a `q` above 0.
    /// - Parameter acceptEncoding: the header's value, `nil` when absent.
    /// - Returns: `true` to answer gzip-compressed.
    public static func acceptsGzip(_ acceptEncoding: String?) -> Bool {
        guard let acceptEncoding else { return false }
        var wildcard = false
        for item in acceptEncoding.split(separator: ",") {
            guard let range = MediaRange(item, allowingBareToken: true) else { continue }
            switch range.type {
            case "gzip", "x-gzip": return range.quality > 0
            case "*": wildcard = range.quality > 0
            default: continue
            }
        }
        return wildcard
    }
}

/// One element of an `Accept` (or `Accept-Encoding`) header: `type/subtype;key=value;q=0.5`.
private struct MediaRange {
    /// `type`, lowercased (the whole token for `Accept-Encoding`).
    let type: String
    /// `subtype`, lowercased (empty for `Accept-Encoding`).
    let subtype: String
    /// The parameters other than `q`, keys lowercased, values unquoted.
    let parameters: [String: String]
    /// `q`, 1 when absent, 0 when unreadable or out of range.
    let quality: Double

    init?(_ text: Substring, allowingBareToken: Bool = false) {
        var parts = text.split(separator: ";").map { $0.trimmingWhitespace() }
        guard let media = parts.first?.lowercased(), !media.isEmpty else { return nil }
        parts.removeFirst()
        let pieces = media.split(separator: "/", omittingEmptySubsequences: false)
        if pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty {
            (type, subtype) = (String(pieces[0]), String(pieces[1]))
        } else if allowingBareToken, pieces.count == 1 {
            (type, subtype) = (media, "")
        } else {
            return nil
        }
        var parameters: [String: String] = [:]
        var quality = 1.0
        for part in parts {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let key = part[..<equals].trimmingWhitespace().lowercased()
            var value = part[part.index(after: equals)...].trimmingWhitespace()
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            if key == "q" {
                quality = Double(value).flatMap { (0...1).contains($0) ? $0 : nil } ?? 0
            } else {
                parameters[key] = value
            }
        }
        self.parameters = parameters
        self.quality = quality
    }

    /// The format this range asks for, `nil` when Sibyl does not serve it.
    var format: ExpositionFormat? {
        let utf8 = parameters["escaping"] == NameEscaping.allowUTF8.rawValue
        switch (type, subtype) {
        case ("application", "openmetrics-text"):
            switch parameters["version"] ?? "0.0.1" {
            case "1.0.0":
                return ExpositionFormat(.openMetrics, version: "1.0.0", escaping: utf8 ? .allowUTF8 : .underscores)
            case "0.0.1": return ExpositionFormat(.openMetrics, version: "0.0.1")
            default: return nil
            }
        case ("text", "plain"):
            switch parameters["version"] ?? "0.0.4" {
            case "1.0.0": return ExpositionFormat(.text, version: "1.0.0", escaping: utf8 ? .allowUTF8 : .underscores)
            case "0.0.4": return .text
            default: return nil
            }
        case ("*", "*"), ("text", "*"):
            return .text
        default:
            return nil
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    fileprivate func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
