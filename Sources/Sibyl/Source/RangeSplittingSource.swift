package import SibylWire

/// A source that reads a query longer than ``maxRange`` as consecutive sub-ranges, oldest first, one request
/// each (`source.max_range_per_request`): Cortex and Mimir refuse a query longer than their limit, and the first
/// read of a cycle covers the longest window.
///
/// Round `k` asks, in one read of the wrapped source, the `k`-th sub-range of every query that has one, so each
/// query's series arrive in time order; the store appends them as one read's.
package struct RangeSplittingSource: SeriesSource {
    /// The source read.
    package let base: any SeriesSource
    /// The longest range one request covers, in milliseconds (positive).
    package let maxRange: Int64

    /// Wraps `base`.
    /// - Parameters:
    ///   - base: the source read.
    ///   - maxRange: the longest range of one request in milliseconds; at least 1.
    package init(_ base: any SeriesSource, maxRange: Int64) {
        self.base = base
        self.maxRange = max(maxRange, 1)
    }

    /// `query`'s range cut into consecutive pieces of at most ``maxRange`` milliseconds, oldest first.
    /// - Parameter query: the query.
    /// - Returns: the pieces, with the query's matchers; the query itself when it is short enough.
    package func pieces(of query: RemoteReadQuery) -> [RemoteReadQuery] {
        var pieces: [RemoteReadQuery] = []
        var start = query.start
        while start <= query.end {
            // Both ends are inclusive: a piece spans maxRange milliseconds.
            let (last, overflow) = start.addingReportingOverflow(maxRange - 1)
            let end = overflow ? query.end : min(last, query.end)
            pieces.append(RemoteReadQuery(start: start, end: end, matchers: query.matchers))
            guard end < query.end else { break }
            start = end + 1
        }
        return pieces.isEmpty ? [query] : pieces
    }

    package func readSeries(
        _ queries: [RemoteReadQuery], onDropped: (StreamedResponseDecoder.DroppedSeries) -> Void,
        onSeries: (StreamedResponseDecoder.Series) throws -> Void
    ) async throws -> SourceReadSummary {
        let split = queries.map(pieces(of:))
        let rounds = split.map(\.count).max() ?? 0
        var summary = SourceReadSummary()
        for round in 0..<rounds {
            // The queries of this round and, for each, the index of the query it is a piece of.
            let owners = split.indices.filter { round < split[$0].count }
            let read = try await base.readSeries(
                owners.map { split[$0][round] },
                onDropped: { dropped in
                    guard owners.indices.contains(dropped.queryIndex) else { return }
                    var dropped = dropped
                    dropped.queryIndex = owners[dropped.queryIndex]
                    onDropped(dropped)
                }
            ) { received in
                guard owners.indices.contains(received.queryIndex) else {
                    throw RemoteReadError.wire(.invalidResponse("a series for query \(received.queryIndex) not asked"))
                }
                // Re-indexed in place, so that whatever else the source attached to the series goes along.
                var series = received
                series.queryIndex = owners[received.queryIndex]
                try onSeries(series)
            }
            summary.add(read)
        }
        return summary
    }
}
