import SwiftProtobuf

/// Decodes a SAMPLES remote-read response body: one snappy block of a `ReadResponse`.
///
/// Only call this for a `200` response: Prometheus sends error bodies as plain text even
/// though they carry `Content-Encoding: snappy` (protocols.md §1.3).
public enum SamplesResponseDecoder {
    /// The most series a response may hold, over all its results (``decode(_:queryCount:limit:seriesLimit:)``).
    public static let defaultSeriesLimit = 1_000_000

    /// Decodes the series of every query, at most ``defaultSeriesLimit`` of them
    /// (``decode(_:queryCount:limit:seriesLimit:)``; a separate overload keeps the symbol that callers built
    /// before the series limit link against, so an incremental build of an older checkout still links).
    public static func decode(
        _ body: [UInt8], queryCount: Int, limit: Int = Snappy.defaultDecompressedLimit
    ) throws(WireError) -> [[TimeSeries]] {
        try decode(body, queryCount: queryCount, limit: limit, seriesLimit: defaultSeriesLimit)
    }

    /// Decodes the series of every query.
    ///
    /// The series are counted on the wire before any is built: a series costs 2 bytes on the wire and a few
    /// hundred once decoded, so a body of millions of empty series would otherwise take gigabytes.
    /// - Parameters:
    ///   - body: the response body.
    ///   - queryCount: the number of queries sent; the response must hold as many results.
    ///   - limit: the largest decompressed size accepted.
    ///   - seriesLimit: the most series accepted over all results.
    /// - Returns: per query, its series in response order.
    /// - Throws: `WireError` for bad snappy, bad protobuf, an oversized body, too many series or a wrong result
    ///   count.
    public static func decode(
        _ body: [UInt8], queryCount: Int, limit: Int = Snappy.defaultDecompressedLimit, seriesLimit: Int
    ) throws(WireError) -> [[TimeSeries]] {
        let bytes = try Snappy.decompress(body, limit: limit)
        if let count = seriesCount(bytes), count > seriesLimit {
            throw .tooLarge("ReadResponse holds \(count) series, over the limit of \(seriesLimit)")
        }
        let response: Prometheus_ReadResponse
        do {
            response = try Prometheus_ReadResponse(serializedBytes: bytes)
        } catch {
            throw .invalidProtobuf("ReadResponse of \(bytes.count) bytes: \(error)")
        }
        guard response.results.count == queryCount else {
            throw .invalidResponse("responses: want \(queryCount), got \(response.results.count)")
        }
        return response.results.map { result in
            result.timeseries.map { series in
                TimeSeries(
                    labels: series.labels.map { Label($0.name, $0.value) },
                    samples: series.samples.map { Sample(timestamp: $0.timestamp, value: $0.value) }
                )
            }
        }
    }

    /// The number of `timeseries` entries over all `results` of a `ReadResponse`, read from the wire without
    /// decoding them; `nil` when the bytes are not well-formed protobuf at those two levels (the decoder then
    /// says what is wrong).
    static func seriesCount(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { buffer in
            var count = 0
            var reader = ProtobufFieldReader(buffer, range: 0..<buffer.count)
            while let field = reader.next() {
                guard let field else { return nil }
                guard field.number == 1, let result = field.payload else { continue }
                var inner = ProtobufFieldReader(buffer, range: result)
                while let entry = inner.next() {
                    guard let entry else { return nil }
                    if entry.number == 1 && entry.payload != nil { count += 1 }
                }
            }
            return count
        }
    }

    /// Encodes a SAMPLES response body, as a remote-read server sends it.
    /// - Parameter results: per query, its series.
    /// - Returns: the snappy-compressed `ReadResponse`.
    public static func encode(_ results: [[TimeSeries]]) -> [UInt8] {
        var response = Prometheus_ReadResponse()
        response.results = results.map { series in
            var result = Prometheus_QueryResult()
            result.timeseries = series.map(\.protobuf)
            return result
        }
        return Snappy.compress((try? response.serializedBytes()) ?? [])
    }
}

extension TimeSeries {
    /// The protobuf `TimeSeries` of this series.
    var protobuf: Prometheus_TimeSeries {
        var message = Prometheus_TimeSeries()
        message.labels = labels.map { label in
            var proto = Prometheus_Label()
            proto.name = label.name
            proto.value = label.value
            return proto
        }
        message.samples = samples.map { sample in
            var proto = Prometheus_Sample()
            proto.timestamp = sample.timestamp
            proto.value = sample.value
            return proto
        }
        return message
    }
}
