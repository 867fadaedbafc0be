/// One native histogram sample: a timestamp in Unix milliseconds, the start timestamp when the chunk carries one,
/// and the histogram.
public struct HistogramSample: Sendable, Hashable, CustomStringConvertible {
    /// Milliseconds since the Unix epoch.
    public var timestamp: Int64
    /// When the series' counters (re)started, in milliseconds (the `*_ST` encodings); 0 when unknown.
    public var startTimestamp: Int64
    /// The histogram.
    public var histogram: NativeHistogram

    /// Creates a sample.
    public init(timestamp: Int64, startTimestamp: Int64 = 0, histogram: NativeHistogram) {
        self.timestamp = timestamp
        self.startTimestamp = startTimestamp
        self.histogram = histogram
    }

    /// Whether this sample is a staleness marker.
    public var isStaleMarker: Bool { histogram.isStaleMarker }

    /// `timestamp:{count=…, sum=…}`.
    public var description: String {
        isStaleMarker ? "\(timestamp):stale" : "\(timestamp):{count=\(histogram.count), sum=\(histogram.sum)}"
    }
}
