/// What one remote read may hold per series and in all, so that a hostile or broken source cannot make a read take
/// gigabytes: a series over a limit is dropped and counted (``SeriesDropReason``), the read goes on.
///
/// Both decoders check every limit on the wire, before they build the labels or decode a chunk: a chunk's
/// header declares its sample count, and 1 sample per millisecond costs only 2 bits on the wire (64 times as much
/// once decoded), as an empty label costs 2 bytes on the wire and about 100 once built.
public struct SeriesLimits: Sendable, Hashable {
    /// The most labels a series may have. Prometheus' own series rarely have more than a few dozen.
    public var labelsPerSeries: Int
    /// The most bytes a series' label names and values may take together.
    public var labelBytesPerSeries: Int
    /// The most samples one series may bring in one read, counted as its chunks declare them (before clipping and
    /// de-duplication): 1,000,000 is one sample a second over 11 days, 16 MB once decoded.
    public var samplesPerSeries: Int
    /// The most samples one read (one evaluation cycle) may bring over all its series, counted the same way;
    /// a series that would go over it is dropped: 100,000,000 samples take 1.6 GB once decoded.
    public var samplesPerRead: Int

    /// Creates limits; the defaults are far above what a Prometheus serves for Sibyl's windows.
    public init(
        labelsPerSeries: Int = 1_000, labelBytesPerSeries: Int = 64 * 1024, samplesPerSeries: Int = 1_000_000,
        samplesPerRead: Int = 100_000_000
    ) {
        self.labelsPerSeries = labelsPerSeries
        self.labelBytesPerSeries = labelBytesPerSeries
        self.samplesPerSeries = samplesPerSeries
        self.samplesPerRead = samplesPerRead
    }
}

/// Why a series of a response was dropped while the rest of the read went on; the raw value is the bounded label
/// value of `sibyl_series_dropped_total{reason}`.
public enum SeriesDropReason: String, Sendable, Hashable, CaseIterable {
    /// The series brought more than ``SeriesLimits/samplesPerSeries`` samples.
    case tooManySamples = "too_many_samples"
    /// The read had already brought ``SeriesLimits/samplesPerRead`` samples.
    case readSamples = "read_samples"
    /// The series has more than ``SeriesLimits/labelsPerSeries`` labels.
    case tooManyLabels = "too_many_labels"
    /// The series' labels take more than ``SeriesLimits/labelBytesPerSeries`` bytes.
    case labelBytes = "label_bytes"
    /// A label name or value is not valid UTF-8.
    case invalidUTF8 = "invalid_utf8"
    /// A chunk has an encoding Sibyl does not decode (``ChunkEncoding`` lists those it does).
    case unsupportedEncoding = "unsupported_encoding"
    /// A chunk fails to decode: a bad header, data that runs past its end, an impossible value.
    case corruptChunk = "corrupt_chunk"
}
