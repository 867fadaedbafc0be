package import SibylWire

/// Where an evaluation cycle reads its series: a remote-read endpoint (``RemoteReadClient``) or VictoriaMetrics'
/// export API (``VictoriaMetricsExportClient``), optionally reading long ranges in pieces (``RangeSplittingSource``).
package protocol SeriesSource: Sendable {
    /// Runs `queries` and hands each series to `onSeries` once it is complete, tagged with the index of the query
    /// it answers (a series two queries match comes once per query), and each series left out for a limit or an
    /// undecodable chunk to `onDropped`.
    /// - Parameters:
    ///   - queries: the queries; each one's samples are clipped to its range.
    ///   - onDropped: called once per dropped series.
    ///   - onSeries: called once per series; the first error it throws ends the read.
    /// - Returns: what was transferred.
    /// - Throws: ``RemoteReadError``, or `CancellationError` when the task is cancelled or shutdown begins.
    func readSeries(
        _ queries: [RemoteReadQuery], onDropped: (StreamedResponseDecoder.DroppedSeries) -> Void,
        onSeries: (StreamedResponseDecoder.Series) throws -> Void
    ) async throws -> SourceReadSummary
}

/// What one read of a ``SeriesSource`` transferred.
package struct SourceReadSummary: Sendable, Hashable {
    /// Body bytes received.
    package var bytes = 0
    /// Series delivered.
    package var series = 0
    /// Samples delivered, float and native histogram.
    package var samples = 0
    /// Series left out, by reason (``SeriesDropReason``'s raw values).
    package var dropped: [String: Int] = [:]

    /// Adds another read's figures.
    mutating func add(_ other: SourceReadSummary) {
        bytes += other.bytes
        series += other.series
        samples += other.samples
        dropped.merge(other.dropped, uniquingKeysWith: +)
    }
}

extension RemoteReadClient: SeriesSource {
    /// ``read(_:onDropped:onSeries:)`` with its summary as a ``SourceReadSummary``.
    package func readSeries(
        _ queries: [RemoteReadQuery], onDropped: (StreamedResponseDecoder.DroppedSeries) -> Void,
        onSeries: (StreamedResponseDecoder.Series) throws -> Void
    ) async throws -> SourceReadSummary {
        let summary = try await read(queries, onDropped: onDropped, onSeries: onSeries)
        return SourceReadSummary(
            bytes: summary.bytes, series: summary.series, samples: summary.samples, dropped: summary.dropped)
    }
}

extension SeriesSource {
    /// Runs `queries` and returns every series, per query.
    /// - Returns: per query, its series in the order read.
    /// - Throws: ``RemoteReadError``.
    package func readAll(_ queries: [RemoteReadQuery]) async throws -> [[TimeSeries]] {
        var results = [[TimeSeries]](repeating: [], count: queries.count)
        _ = try await readSeries(queries, onDropped: { _ in }) { results[$0.queryIndex].append($0.series) }
        return results
    }
}
