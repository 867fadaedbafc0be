import SibylWire

/// Computes the window statistics of every stored series, in parallel over the available cores.
package struct WindowEvaluator: Sendable {
    /// Window lengths in milliseconds, ascending.
    package let windows: [Int64]
    /// Series per parallel task.
    package let batchSize: Int

    /// Creates an evaluator.
    /// - Parameters:
    ///   - windows: window lengths in milliseconds.
    ///   - batchSize: series per parallel task.
    package init(windows: [Int64], batchSize: Int = 256) {
        self.windows = windows
        self.batchSize = max(1, batchSize)
    }

    /// The statistics of every series in `store` at time `now`, sorted by label set.
    /// - Parameters:
    ///   - store: the series.
    ///   - now: the evaluation time T in milliseconds.
    /// - Returns: one ``SeriesStatistics`` per series.
    package func evaluate(_ store: SeriesStore, at now: Int64) async -> [SeriesStatistics] {
        let windows = self.windows
        var results = await Array(store.entries.values).concurrentMap(batchSize: batchSize) {
            SeriesStatistics(labels: $0.labels, buffer: $0.buffer, now: now, windows: windows)
        }
        results.sort { $0.labels.lexicographicallyPrecedes($1.labels) }
        return results
    }
}
