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
                    samples: series.samples.map { Sample(timestamp: $0.timestamp, value: $0.value) },
                    histograms: series.histograms.map(HistogramSample.init)
                )
            }
        }
    }

    /// Decodes the series of every query straight from the wire, each held to `limits` before it is built: a series
    /// over a limit, or with a label that is not UTF-8, is left out and counted while the others are decoded.
    /// - Parameters:
    ///   - body: the response body.
    ///   - queryCount: the number of queries sent; the response must hold as many results.
    ///   - limit: the largest decompressed size accepted.
    ///   - seriesLimit: the most series accepted over all results.
    ///   - limits: what one series, and all of them, may hold.
    /// - Returns: per query, its series in response order; the series left out, by reason.
    /// - Throws: `WireError` for bad snappy, bad protobuf, an oversized body, too many series or a wrong result
    ///   count.
    public static func decode(
        _ body: [UInt8], queryCount: Int, limit: Int = Snappy.defaultDecompressedLimit,
        seriesLimit: Int = defaultSeriesLimit, limits: SeriesLimits
    ) throws(WireError) -> (series: [[TimeSeries]], dropped: [SeriesDropReason: Int]) {
        let bytes = try Snappy.decompress(body, limit: limit)
        if let count = seriesCount(bytes), count > seriesLimit {
            throw .tooLarge("ReadResponse holds \(count) series, over the limit of \(seriesLimit)")
        }
        let decoded = bytes.withUnsafeBytes { buffer in
            Result { () throws(WireError) in try decodeResponse(buffer, limits: limits) }
        }
        let (results, dropped): ([[TimeSeries]], [SeriesDropReason: Int])
        switch decoded {
        case .success(let value): (results, dropped) = value
        case .failure(let error): throw error
        }
        guard results.count == queryCount else {
            throw .invalidResponse("responses: want \(queryCount), got \(results.count)")
        }
        return (results, dropped)
    }

    /// The results of a `ReadResponse` (field 1: `QueryResult`, whose field 1 is `TimeSeries`).
    private static func decodeResponse(
        _ bytes: UnsafeRawBufferPointer, limits: SeriesLimits
    ) throws(WireError) -> ([[TimeSeries]], [SeriesDropReason: Int]) {
        let malformed = WireError.invalidProtobuf("ReadResponse of \(bytes.count) bytes is malformed")
        var results: [[TimeSeries]] = []
        var dropped: [SeriesDropReason: Int] = [:]
        var samplesLeft = limits.samplesPerRead
        var fields = ProtobufFieldReader(bytes, range: 0..<bytes.count)
        while let field = fields.next() {
            guard let field else { throw malformed }
            guard field.number == 1, let result = field.payload else { continue }
            var series: [TimeSeries] = []
            var entries = ProtobufFieldReader(bytes, range: result)
            while let entry = entries.next() {
                guard let entry else { throw malformed }
                guard entry.number == 1, let one = entry.payload else { continue }
                switch try decodeSeries(bytes, one, limits: limits, samplesLeft: samplesLeft, malformed: malformed) {
                case .labels(let decoded):
                    samplesLeft -= decoded.samples.count + decoded.histograms.count
                    series.append(decoded)
                case .dropped(let reason):
                    dropped[reason, default: 0] += 1
                }
            }
            results.append(series)
        }
        return (results, dropped)
    }

    /// What one `TimeSeries` message decodes to.
    private enum SeriesOutcome {
        case labels(TimeSeries)
        case dropped(SeriesDropReason)
    }

    /// One `TimeSeries` message: labels (field 1), samples (field 2, `double value = 1; int64 timestamp = 2`) and
    /// native histograms (field 4, ``WireHistogram``), counted on the wire before they are built.
    private static func decodeSeries(
        _ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, limits: SeriesLimits, samplesLeft: Int,
        malformed: WireError
    ) throws(WireError) -> SeriesOutcome {
        var labelCount = 0
        var sampleCount = 0
        var fields = ProtobufFieldReader(bytes, range: range)
        while let field = fields.next() {
            guard let field else { throw malformed }
            guard field.payload != nil else { continue }
            if field.number == 1 { labelCount += 1 }
            if field.number == 2 || field.number == 4 { sampleCount += 1 }
        }
        let labels: [Label]
        switch try WireLabels.decode(bytes, series: range, count: labelCount, limits: limits, malformed: malformed) {
        case .labels(let decoded): labels = decoded
        case .dropped(let reason): return .dropped(reason)
        }
        guard sampleCount <= limits.samplesPerSeries else { return .dropped(.tooManySamples) }
        guard sampleCount <= samplesLeft else { return .dropped(.readSamples) }
        var samples: [Sample] = []
        var histograms: [HistogramSample] = []
        samples.reserveCapacity(sampleCount)
        fields = ProtobufFieldReader(bytes, range: range)
        while let field = fields.next() {
            if let field, field.number == 4, let histogram = field.payload {
                guard let decoded = WireHistogram.decode(bytes, histogram) else { throw malformed }
                histograms.append(decoded)
                continue
            }
            guard let field, field.number == 2, let sample = field.payload else { continue }
            var value: UInt64 = 0
            var timestamp: UInt64 = 0
            var parts = ProtobufFieldReader(bytes, range: sample)
            while let part = parts.next() {
                guard let part else { throw malformed }
                switch (part.number, part.payload) {
                case (1, nil): value = part.value
                case (2, nil): timestamp = part.value
                default: continue
                }
            }
            samples.append(Sample(timestamp: Int64(bitPattern: timestamp), value: Double(bitPattern: value)))
        }
        return .labels(TimeSeries(labels: labels, samples: samples, histograms: histograms))
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
        message.histograms = histograms.map(\.protobuf)
        return message
    }
}
