package import SibylWire

/// One call of the archive's query API, as `GET /api/v1/series`, `/api/v1/results` and `/api/v1/evaluations` and
/// `sibyl query` make it: which rows, over which range, how many at once, and from where.
///
/// **Selectors.** A selector's metric name selects the *source* series, as the first system retrieved results by
/// source metric: `node_load1{instance="a:9100"}` selects every derived series whose `metric` label is
/// `node_load1` and whose `instance` is `a:9100`. The selector sees each derived series' labels (Sibyl's own, such
/// as `window` or `lag`, included, so `node_load1{window="1h"}` narrows to one window) with `__name__` standing
/// for the `metric` label. When the selector's name starts with `sibyl_` (or a `__name__` matcher `=` or `=~`
/// has a value starting with `sibyl_`), it names the *derived* series instead, as Prometheus sees them:
/// `sibyl_window_max{metric="node_load1"}`. Several selectors select the union.
///
/// **Range.** `from` and `to` are inclusive, in Unix milliseconds; by default `to` is now and `from` is
/// `to` − ``defaultRange`` (one hour). A series listing takes no range: it lists every series in the archive.
package struct ResultQuery: Sendable, Hashable {
    /// The three calls.
    package enum Endpoint: String, Sendable, Hashable, CaseIterable {
        /// The archived derived series (label sets).
        case series
        /// The archived values of the selected series over the range.
        case results
        /// The archived cycles over the range.
        case evaluations
    }

    /// The range when `from` is not given: one hour before `to`.
    package static let defaultRange: Int64 = 3_600_000
    /// The rows of one page when `limit` is not given.
    package static let defaultLimit = 10_000
    /// The largest `limit`: bounds the memory and the size of one answer.
    package static let maximumLimit = 100_000
    /// The most selectors one call may give.
    package static let maximumSelectors = 64

    /// The call.
    package var endpoint: Endpoint
    /// The selectors (union); empty only for evaluations.
    package var selectors: [SeriesSelector]
    /// The kind of result, or `nil` for every kind.
    package var kind: ResultKind?
    /// The start of the range, in Unix milliseconds (inclusive).
    package var from: Int64
    /// The end of the range, in Unix milliseconds (inclusive).
    package var to: Int64
    /// The most rows of one page (values for results, label sets for series, cycles for evaluations).
    package var limit: Int
    /// Where the previous page stopped, or `nil` for the first page.
    package var cursor: QueryCursor?

    /// Creates a query without checking it (the store clamps `limit` to 1…``maximumLimit``).
    /// - Parameters:
    ///   - endpoint: the call.
    ///   - kind: the kind of result, `nil` for all.
    ///   - from: the start of the range in Unix milliseconds.
    ///   - to: the end of the range in Unix milliseconds.
    ///   - limit: the most rows of one page.
    package init(
        _ endpoint: Endpoint, selectors: [SeriesSelector] = [], kind: ResultKind? = nil, from: Int64 = .min,
        to: Int64 = .max, limit: Int = defaultLimit
    ) {
        self.endpoint = endpoint
        self.selectors = selectors
        self.kind = kind
        self.from = from
        self.to = to
        self.limit = limit
    }

    /// A fingerprint of what the query selects (endpoint, selectors in any order, kind), which tokens carry.
    var fingerprint: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let text = ([endpoint.rawValue, kind?.rawValue ?? "*"] + selectors.map(\.description).sorted())
            .joined(separator: "\n")
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }
}
