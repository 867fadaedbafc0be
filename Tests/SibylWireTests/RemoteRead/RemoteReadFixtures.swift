import Foundation
import SibylTestSupport
import SibylWire

/// The captured remote-read exchanges of `Tests/Fixtures/remote-read/` and their decoded truth.
enum RemoteReadFixtures {
    static let directory = "remote-read"

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Fixtures.data("\(directory)/\(name)"))
    }

    /// Per query, the expected series in stream order.
    static func expectedSeries() throws -> [[TimeSeries]] {
        guard let root = try WireFixtureSeries.json("\(directory)/expected_series.json") as? [String: Any],
            let queries = root["queries"] as? [[String: Any]]
        else { throw FixtureError("bad expected_series.json") }
        return try queries.map { query in
            guard let series = query["series_in_stream_order"] as? [Any] else {
                throw FixtureError("query without series_in_stream_order")
            }
            return try series.map { try WireFixtureSeries($0).timeSeries }
        }
    }

    /// The three queries both captured requests hold.
    static let queries: [RemoteReadQuery] = [
        RemoteReadQuery(
            start: 1_795_784_400_000, end: 1_795_785_100_000, matchers: [LabelMatcher("__name__", .equal, "up")]),
        RemoteReadQuery(
            start: 1_795_784_400_000, end: 1_795_785_100_000,
            matchers: [
                LabelMatcher("__name__", .regexMatch, "node_load1|process_cpu_seconds_total"),
                LabelMatcher("job", .notEqual, "prometheus"),
            ]),
        RemoteReadQuery(
            start: 1_795_784_400_000, end: 1_795_785_100_000,
            matchers: [
                LabelMatcher("__name__", .equal, "prometheus_tsdb_head_samples_appended_total"),
                LabelMatcher("type", .regexNoMatch, "hist.*"),
            ]),
    ]

    /// Decodes a whole streamed body, grouping series per query.
    static func decodeStreamed(
        _ body: [UInt8], queries: [RemoteReadQuery], pieceSize: Int = .max, frameLimit: Int = 50_000_000
    ) throws -> [[TimeSeries]] {
        var decoder = StreamedResponseDecoder(queries: queries, frameLimit: frameLimit)
        var results = [[TimeSeries]](repeating: [], count: queries.count)
        var start = 0
        repeat {
            let end = min(body.count, start + pieceSize)
            for series in try decoder.append(body[start..<end]) { results[series.queryIndex].append(series.series) }
            start = end
        } while start < body.count
        for series in try decoder.finish() { results[series.queryIndex].append(series.series) }
        return results
    }
}
