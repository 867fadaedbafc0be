import SwiftProtobuf

/// Decodes a SAMPLES remote-read response body: one snappy block of a `ReadResponse`.
///
/// Only call this for a `200` response: Prometheus sends error bodies as plain text even
/// though they carry `Content-Encoding: snappy` (protocols.md §1.3).
public enum SamplesResponseDecoder {
    /// Decodes the series of every query.
    /// - Parameters:
    ///   - body: the response body.
    ///   - queryCount: the number of queries sent; the response must hold as many results.
    ///   - limit: the largest decompressed size accepted.
    /// - Returns: per query, its series in response order.
    /// - Throws: `WireError` for bad snappy, bad protobuf, an oversized body or a wrong result count.
    public static func decode(
        _ body: [UInt8], queryCount: Int, limit: Int = Snappy.defaultDecompressedLimit
    ) throws(WireError) -> [[TimeSeries]] {
        let bytes = try Snappy.decompress(body, limit: limit)
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
