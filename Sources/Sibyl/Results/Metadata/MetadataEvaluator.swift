import SibylAnalysis
import SibylWire

/// Computes the time-series metadata (ADF, ACF, seasonal decomposition) of stored series over the longest window,
/// in parallel over the available cores.
package struct MetadataEvaluator: Sendable {
    /// The analysis settings.
    package let configuration: AnalysisConfiguration
    /// The window analysed, in milliseconds (the longest evaluation window).
    package let window: Int64
    /// Series per parallel task.
    package let batchSize: Int

    /// Creates an evaluator.
    /// - Parameters:
    ///   - configuration: the analysis settings.
    ///   - window: the window analysed, in milliseconds.
    ///   - batchSize: series per parallel task.
    package init(configuration: AnalysisConfiguration, window: Int64, batchSize: Int = 8) {
        self.configuration = configuration
        self.window = window
        self.batchSize = max(1, batchSize)
    }

    /// The recipe's parameters for ``SeriesMetadata`` (no window statistics: the cycle computes those).
    var recipe: SeriesMetadata.Configuration {
        var recipe = SeriesMetadata.Configuration()
        recipe.windowsMilliseconds = []
        recipe.seasonalPeriod = configuration.seasonalPeriod
        recipe.seasonalStride = configuration.seasonalStride
        recipe.regression = configuration.regression
        recipe.lagSelection = configuration.lagSelection
        recipe.maximumLag = configuration.maximumLag
        return recipe
    }

    /// The metadata of one series at time `now`.
    /// - Parameters:
    ///   - entry: the stored series.
    ///   - now: the evaluation time T; the window is (T − window, T].
    /// - Returns: the result.
    package func evaluate(_ entry: SeriesStore.Entry, at now: Int64) -> SeriesMetadataResult {
        var room = DecodedWindow()
        return evaluate(entry, at: now, decodingInto: &room)
    }

    /// The metadata of one series at time `now`, its window decoded into a worker's reusable room.
    func evaluate(
        _ entry: SeriesStore.Entry, at now: Int64, decodingInto samples: inout DecodedWindow
    )
        -> SeriesMetadataResult
    {
        entry.buffer.samples(endingAt: now, length: window, into: &samples)
        guard !samples.values.isEmpty else {
            return SeriesMetadataResult(labels: entry.labels, metadata: nil, skipReason: SeriesMetadataResult.noSamples)
        }
        guard
            let metadata = SeriesMetadata(timestamps: samples.timestamps, values: samples.values, configuration: recipe)
        else {
            return SeriesMetadataResult(labels: entry.labels, metadata: nil, skipReason: SeriesMetadataResult.allZero)
        }
        return SeriesMetadataResult(labels: entry.labels, metadata: metadata, skipReason: nil)
    }

    /// The metadata of every series in `entries` at time `now`, sorted by label set.
    /// - Parameters:
    ///   - entries: the stored series.
    ///   - now: the evaluation time T in milliseconds.
    /// - Returns: one result per series.
    package func evaluate(_ entries: [SeriesStore.Entry], at now: Int64) async -> [SeriesMetadataResult] {
        let evaluator = self
        var results = await entries.concurrentMap(batchSize: batchSize, workerState: DecodedWindow.init) {
            evaluator.evaluate($1, at: now, decodingInto: &$0)
        }
        results.sort { $0.labels.lexicographicallyPrecedes($1.labels) }
        return results
    }
}
