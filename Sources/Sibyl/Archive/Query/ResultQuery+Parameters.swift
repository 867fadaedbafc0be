import Foundation
import SibylWire

extension ResultQuery {
    /// Parses a call's parameters as the HTTP API takes them; `sibyl query --archive` builds the same list, so that
    /// both answer alike.
    ///
    /// - `match[]` (or `match`), repeated: selectors, required except for evaluations.
    /// - `from`, `to`: Unix seconds (fractions allowed) or RFC 3339; defaults: `to` now, `from` `to` − 1 h.
    /// - `kind` (results and series): one of ``ResultKind``; absent means every kind.
    /// - `limit`: rows per page, 1…``maximumLimit`` (default ``defaultLimit``).
    /// - `next`: the token of the previous page; it pins the range, so `from` and `to` may be left out (when
    ///   given they must be the token's).
    ///
    /// Other parameters are ignored, as Prometheus does.
    /// - Parameters:
    ///   - endpoint: the call.
    ///   - parameters: the decoded parameters in order.
    ///   - now: the time `to` defaults to, in Unix milliseconds.
    /// - Throws: ``QueryError`` naming the parameter and the mistake.
    package init(
        _ endpoint: Endpoint, parameters: [(name: String, value: String)], now: Int64
    ) throws(QueryError) {
        self.init(endpoint)
        for (name, text) in parameters where name == "match[]" || name == "match" {
            guard selectors.count < Self.maximumSelectors else {
                throw QueryError(.badSelector, parameter: name, "more than \(Self.maximumSelectors) selectors")
            }
            do {
                selectors.append(try SeriesSelector(parsing: text))
            } catch {
                throw QueryError(.badSelector, parameter: name, "\(error) in \(ConfigurationDecoder.quoted(text))")
            }
        }
        if selectors.isEmpty, endpoint != .evaluations {
            throw QueryError(.missingParameter, parameter: "match[]", "no match[] parameter provided")
        }
        func last(_ name: String) -> String? { parameters.last { $0.name == name }?.value }
        if let text = last("kind"), endpoint != .evaluations {
            guard let kind = ResultKind(rawValue: text) else {
                throw QueryError(
                    .unknownKind, parameter: "kind",
                    "unknown kind \(ConfigurationDecoder.quoted(text)) (one of \(ResultKind.names))")
            }
            self.kind = kind
        }
        if let text = last("limit") {
            guard let limit = Int(text), (1...Self.maximumLimit).contains(limit) else {
                throw QueryError(
                    .badLimit, parameter: "limit",
                    "\(ConfigurationDecoder.quoted(text)) is not a whole number from 1 to \(Self.maximumLimit)")
            }
            self.limit = limit
        }
        var from: Int64?
        var to: Int64?
        if let text = last("from") { from = try Self.time("from", text) }
        if let text = last("to") { to = try Self.time("to", text) }
        if let token = last("next") {
            guard let cursor = QueryCursor(token: token), cursor.fingerprint == fingerprint else {
                throw QueryError(
                    .badToken, parameter: "next",
                    "not a continuation token of this query (give the next of the previous page, with the same "
                        + "match[], kind and endpoint)")
            }
            // A series listing takes no range, so a repeated from or to means nothing to its token.
            if endpoint != .series, let from, from != cursor.from {
                throw QueryError(.badToken, parameter: "from", "the token was made for from=\(cursor.from)ms")
            }
            if endpoint != .series, let to, to != cursor.to {
                throw QueryError(.badToken, parameter: "to", "the token was made for to=\(cursor.to)ms")
            }
            self.cursor = cursor
            self.from = cursor.from
            self.to = cursor.to
            return
        }
        if endpoint == .series {
            return
        }
        let end = to ?? now
        let (start, overflow) = end.subtractingReportingOverflow(Self.defaultRange)
        self.from = from ?? (overflow ? .min : start)
        self.to = end
        guard self.from <= self.to else {
            throw QueryError(.invertedRange, parameter: "to", "end timestamp must not be before start time")
        }
    }

    /// The bytes of a number of seconds (no `inf`, `nan` or hexadecimal, which `Double(_:)` would take).
    private static let numberCharacters = Set("0123456789.-+eE".utf8)

    /// Parses a time: Unix seconds, fractions allowed (`1795784400`, `1795784400.5`), or RFC 3339
    /// (`2026-11-27T14:00:00Z`, `2026-11-27T15:00:00.250+01:00`), to Unix milliseconds.
    /// - Parameters:
    ///   - parameter: the parameter's name, for the error.
    ///   - text: the time.
    /// - Returns: Unix milliseconds, rounded to the nearest.
    /// - Throws: ``QueryError`` with code `bad_time`.
    package static func time(_ parameter: String, _ text: String) throws(QueryError) -> Int64 {
        if text.utf8.count <= 64, text.utf8.allSatisfy({ Self.numberCharacters.contains($0) }),
            let seconds = Double(text), seconds.isFinite, abs(seconds) < 1e14
        {
            return Int64((seconds * 1000).rounded())
        }
        if let milliseconds = RFC3339Time.milliseconds(text) { return milliseconds }
        throw QueryError(
            .badTime, parameter: parameter,
            "cannot parse \(ConfigurationDecoder.quoted(text)) to a valid timestamp (use Unix "
                + "seconds or RFC 3339, e.g. 1795784400 or 2026-11-27T14:00:00Z)")
    }
}
