import Foundation

/// The parameters of a URL's query string (`application/x-www-form-urlencoded`), decoded, in order.
package enum QueryParameters {
    /// The most parameters one query string may hold.
    package static let maximumCount = 256

    /// Splits and decodes a query string: `&`-separated `name=value` pairs, `+` for a space, `%XX` escapes.
    /// - Parameter query: the text after `?`, or `nil`.
    /// - Returns: the pairs in order (a pair without `=` has an empty value; empty pairs are skipped).
    /// - Throws: ``QueryError`` for a bad escape or more than ``maximumCount`` pairs.
    package static func parse(_ query: String?) throws(QueryError) -> [(name: String, value: String)] {
        guard let query, !query.isEmpty else { return [] }
        var pairs: [(name: String, value: String)] = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            guard pairs.count < maximumCount else {
                throw QueryError(.badQueryString, parameter: "query", "more than \(maximumCount) parameters")
            }
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), let value = parts.count > 1 ? decode(parts[1]) : "" else {
                throw QueryError(
                    .badQueryString, parameter: decode(parts[0]) ?? "query",
                    "bad percent-encoding in \(ConfigurationDecoder.quoted(String(pair)))")
            }
            pairs.append((name, value))
        }
        return pairs
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
