import Foundation
import SwiftProtobuf

/// Writes a STREAMED_XOR_CHUNKS remote-read body, as Prometheus' server does.
///
/// Each series is cut into XOR chunks of at most `samplesPerChunk` samples; chunks are packed
/// into frames of one series each until the frame budget (`maxBytesInFrame` minus the label
/// bytes) is used up, checked after each chunk, so a frame may overshoot by one chunk.
public enum StreamedResponseEncoder {
    /// Prometheus' `--storage.remote.read-max-bytes-in-frame` default.
    public static let defaultMaxBytesInFrame = 1_048_576

    /// The frames for `series`, all answering query `queryIndex`.
    /// - Parameters:
    ///   - series: the series, in the order to send.
    ///   - queryIndex: the query they answer.
    ///   - samplesPerChunk: samples per XOR chunk (1…65535).
    ///   - maxBytesInFrame: the frame budget.
    /// - Returns: the body bytes.
    public static func encode(
        _ series: [TimeSeries], queryIndex: Int, samplesPerChunk: Int = 120,
        maxBytesInFrame: Int = defaultMaxBytesInFrame
    ) -> [UInt8] {
        var body: [UInt8] = []
        for one in series {
            appendFrames(
                for: one, queryIndex: queryIndex, to: &body,
                samplesPerChunk: samplesPerChunk, maxBytesInFrame: maxBytesInFrame)
        }
        return body
    }

    /// Appends the frames of one series to `body`.
    /// - Parameters:
    ///   - queryIndex: the query it answers.
    ///   - body: the body being built.
    ///   - samplesPerChunk: samples per XOR chunk (1…65535).
    ///   - maxBytesInFrame: the frame budget.
    public static func appendFrames(
        for series: TimeSeries, queryIndex: Int, to body: inout [UInt8], samplesPerChunk: Int = 120,
        maxBytesInFrame: Int = defaultMaxBytesInFrame
    ) {
        let perChunk = min(max(samplesPerChunk, 1), XORChunkEncoder.maxSamples)
        let labels = series.labels.map { label in
            var proto = Prometheus_Label()
            proto.name = label.name
            proto.value = label.value
            return proto
        }
        var labelBytes = 0
        for label in labels { labelBytes += (try? label.serializedBytes() as [UInt8])?.count ?? 0 }
        let budget = maxBytesInFrame - labelBytes
        var pending: [Prometheus_Chunk] = []
        var pendingBytes = 0
        func flush() {
            guard !pending.isEmpty else { return }
            var chunked = Prometheus_ChunkedSeries()
            chunked.labels = labels
            chunked.chunks = pending
            var response = Prometheus_ChunkedReadResponse()
            response.chunkedSeries = [chunked]
            response.queryIndex = Int64(queryIndex)
            ChunkedFrameWriter.appendFrame((try? response.serializedBytes()) ?? [], to: &body)
            pending = []
            pendingBytes = 0
        }
        var start = 0
        while start < series.samples.count {
            let end = min(series.samples.count, start + perChunk)
            let slice = Array(series.samples[start..<end])
            var chunk = Prometheus_Chunk()
            chunk.minTimeMs = slice.first?.timestamp ?? 0
            chunk.maxTimeMs = slice.last?.timestamp ?? 0
            chunk.type = .xor
            chunk.data = Data((try? XORChunkEncoder.encode(slice)) ?? [])
            pendingBytes += ((try? chunk.serializedBytes()) as [UInt8]?)?.count ?? chunk.data.count
            pending.append(chunk)
            if pendingBytes >= budget { flush() }
            start = end
        }
        flush()
    }
}
