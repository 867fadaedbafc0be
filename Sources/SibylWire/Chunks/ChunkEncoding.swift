/// The encodings of `prompb.Chunk.Encoding` (Prometheus 3.14): the chunk formats a streamed remote read carries.
public enum ChunkEncoding: UInt64, Sendable, Hashable, CaseIterable {
    /// Gorilla float chunks.
    case xor = 1
    /// Native histograms with integer counts.
    case histogram = 2
    /// Native histograms with float counts.
    case floatHistogram = 3
    /// Float chunks with start timestamps and a cheaper stale marker (Prometheus 3.13+).
    case xor2 = 4
    /// ``histogram`` with start timestamps.
    case histogramST = 5
    /// ``floatHistogram`` with start timestamps.
    case floatHistogramST = 6

    /// Whether the chunk holds float samples (otherwise native histograms).
    public var isFloat: Bool { self == .xor || self == .xor2 }
}
