package import SibylAnalysis
package import SibylWire

/// The window statistics of one source series at one evaluation time.
package struct SeriesStatistics: Sendable {
    /// The source series' label set.
    package var labels: [Label]
    /// Per configured window (same order as the configuration), the statistics, or `nil` when the window is empty.
    package var windows: [WindowStatistics?]

    /// Computes the statistics of every window of `buffer` at time `now`.
    /// - Parameters:
    ///   - labels: the series' labels.
    ///   - buffer: its samples.
    ///   - now: the evaluation time T; a window of length w holds the samples in (T − w, T].
    ///   - windows: the window lengths in milliseconds.
    package init(labels: [Label], buffer: SeriesBuffer, now: Int64, windows: [Int64]) {
        self.labels = labels
        self.windows = windows.map { WindowStatistics(buffer.summary(endingAt: now, length: $0)) }
    }
}
