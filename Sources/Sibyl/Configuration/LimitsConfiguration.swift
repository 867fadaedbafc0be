package import SibylWire

/// Bounds on what one Sibyl holds (the `limits` section).
package struct LimitsConfiguration: Sendable, Hashable {
    /// The most series analysed at once; series beyond it are dropped and counted (default 20000).
    package var maxSeries: Int
    /// What one read from the source may hold per series and in all (`max_samples_per_series`,
    /// `max_samples_per_read`, `max_labels_per_series`, `max_label_bytes_per_series`); a series over a limit is
    /// dropped and counted, the read goes on.
    package var read = SeriesLimits()
    /// The most bytes the series store may take (`max_bytes`, `sibyl_series_store_bytes`); past it, new series are
    /// refused and counted as the series limit's are. `nil` (the default): no bound but ``maxSeries``.
    package var maxBytes: Int?
    /// The largest frame of a streamed answer from the source (`max_frame_bytes`, default 50 MB).
    package var maxFrameBytes = ChunkedFrameReader.defaultFrameLimit

    /// Creates a limits configuration.
    /// - Parameter maxSeries: the most series analysed at once.
    package init(maxSeries: Int = 20_000) {
        self.maxSeries = maxSeries
    }
}
