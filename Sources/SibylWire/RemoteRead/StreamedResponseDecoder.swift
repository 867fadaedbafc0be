import Foundation
import SwiftProtobuf

/// Decodes a STREAMED_XOR_CHUNKS remote-read body incrementally, one series at a time.
///
/// Feed the body as it arrives; every call returns the series completed so far. A series may
/// span several consecutive frames (each repeats the labels); it is complete when a frame for
/// another series or query starts, or at ``finish()``. Samples outside the query's
/// [start, end] are clipped, and samples of overlapping chunks that do not advance time are
/// dropped. Memory stays bounded by the frame limit plus the series being assembled.
public struct StreamedResponseDecoder: Sendable {
    /// A decoded series and the index of the query it answers.
    public struct Series: Sendable, Hashable {
        /// Index into the request's queries.
        public var queryIndex: Int
        /// The series.
        public var series: TimeSeries

        /// Pairs a series with its query.
        /// - Parameters:
        ///   - queryIndex: index into the request's queries.
        public init(queryIndex: Int, series: TimeSeries) {
            self.queryIndex = queryIndex
            self.series = series
        }
    }

    private var frames: ChunkedFrameReader
    private let ranges: [ClosedRange<Int64>]
    private var current: Series?
    private var lastQueryIndex = 0
    /// XOR samples decoded so far, before clipping.
    public private(set) var samplesDecoded = 0
    /// Body bytes consumed by complete frames.
    public var bytesConsumed: Int { frames.offset }

    /// Creates a decoder for the response to `queries`.
    /// - Parameters:
    ///   - queries: the request's queries (their ranges clip the chunks).
    ///   - frameLimit: the largest frame accepted.
    public init(queries: [RemoteReadQuery], frameLimit: Int = ChunkedFrameReader.defaultFrameLimit) {
        self.frames = ChunkedFrameReader(frameLimit: frameLimit)
        self.ranges = queries.map(\.range)
    }

    /// Consumes the next bytes of the body.
    /// - Parameter bytes: body bytes, in order.
    /// - Returns: the series completed by these bytes.
    /// - Throws: `WireError` for a bad frame, protobuf or chunk.
    public mutating func append(_ bytes: some Sequence<UInt8>) throws(WireError) -> [Series] {
        frames.append(bytes)
        var completed: [Series] = []
        while let message = try frames.next() {
            try consume(message, completed: &completed)
        }
        return completed
    }

    /// Ends the body.
    /// - Returns: the last series.
    /// - Throws: `WireError.truncated` when the body ends inside a frame.
    public mutating func finish() throws(WireError) -> [Series] {
        try frames.finish()
        defer { current = nil }
        return current.map { [$0] } ?? []
    }

    private mutating func consume(_ message: [UInt8], completed: inout [Series]) throws(WireError) {
        let frameIndex = frames.frames - 1
        let response: Prometheus_ChunkedReadResponse
        do {
            response = try Prometheus_ChunkedReadResponse(serializedBytes: message)
        } catch {
            throw .invalidProtobuf("frame \(frameIndex): ChunkedReadResponse: \(error)")
        }
        guard response.queryIndex >= 0, response.queryIndex < Int64(ranges.count) else {
            throw .invalidResponse("frame \(frameIndex): query index \(response.queryIndex) of \(ranges.count) queries")
        }
        let queryIndex = Int(response.queryIndex)
        guard queryIndex >= lastQueryIndex else {
            throw .invalidResponse("frame \(frameIndex): query index \(queryIndex) after \(lastQueryIndex)")
        }
        lastQueryIndex = queryIndex
        let range = ranges[queryIndex]
        for chunked in response.chunkedSeries {
            let labels = chunked.labels.map { Label($0.name, $0.value) }
            if let open = current,
                open.queryIndex != queryIndex || open.series.labels != TimeSeries(labels: labels).labels
            {
                completed.append(open)
                current = nil
            }
            if current == nil {
                current = Series(queryIndex: queryIndex, series: TimeSeries(labels: labels))
            }
            for (chunkIndex, chunk) in chunked.chunks.enumerated() {
                guard chunk.type == .xor else {
                    throw .unsupportedEncoding(
                        "frame \(frameIndex), chunk \(chunkIndex): encoding \(chunk.type.rawValue), only XOR (1) is decoded"
                    )
                }
                try append(chunk.data, range: range, frameIndex: frameIndex, chunkIndex: chunkIndex)
            }
        }
    }

    private mutating func append(
        _ data: Data, range: ClosedRange<Int64>, frameIndex: Int, chunkIndex: Int
    )
        throws(WireError)
    {
        guard var open = current else { return }
        current = nil  // keep the samples array uniquely referenced while appending
        let before = open.series.samples.count
        let result = data.withUnsafeBytes { bytes in
            Result { () throws(WireError) in
                try XORChunkDecoder.decode(bytes, clippingTo: range, into: &open.series.samples)
            }
        }
        if case .failure(let error) = result {
            throw error.prefixed("frame \(frameIndex), chunk \(chunkIndex)")
        }
        samplesDecoded += open.series.samples.count - before
        // Keep only samples that advance time, within a chunk as across overlapping chunks: a series then holds at
        // most one sample per millisecond of the range, however many a server repeats (a chunk of 65,535 samples
        // at one timestamp costs 2 bits each on the wire).
        var last: Int64? = before > 0 ? open.series.samples[before - 1].timestamp : nil
        var kept = before
        for index in before..<open.series.samples.count {
            let timestamp = open.series.samples[index].timestamp
            if let last, timestamp <= last { continue }
            last = timestamp
            if kept != index { open.series.samples[kept] = open.series.samples[index] }
            kept += 1
        }
        if kept < open.series.samples.count { open.series.samples.removeSubrange(kept...) }
        current = open
    }
}
