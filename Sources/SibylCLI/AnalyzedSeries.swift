import Sibyl
import SibylAnalysis
import SibylWire

/// One series as `sibyl analyze` sees it: its samples (stale markers dropped), the window statistics as of T, the
/// first system's metadata and the Holt-Winters forecast, each component kept with the reason it was skipped.
struct AnalyzedSeries: Sendable {
    /// Why the whole series was skipped: no samples, or every value 0 (the first system's rule).
    enum Skip: Error, Sendable, Hashable {
        /// Nothing but stale markers (or nothing at all) in the range.
        case noSamples
        /// Every value is 0.
        case allZero

        /// A bounded reason, as a component's `shortDescription`.
        var shortDescription: String {
            switch self {
            case .noSamples: "no_samples"
            case .allZero: "all_zero"
            }
        }

        /// The reason with its explanation.
        var description: String {
            switch self {
            case .noSamples: "no_samples: no samples in the range"
            case .allZero: "all_zero: every value is 0, so the series is skipped as the first system did"
            }
        }
    }

    /// The label set, sorted by name.
    let labels: [Label]
    /// Sample times in milliseconds, ascending, without stale markers.
    let timestamps: [Int64]
    /// Sample values, one per timestamp.
    let values: [Double]
    /// Stale markers dropped before the analysis.
    let staleMarkers: Int
    /// The statistics of each window `(T − w, T]`, computed as `sibyl run` computes them at evaluation time T.
    let statistics: SeriesStatistics
    /// T minus the last sample's time, in milliseconds; `nil` without samples.
    let lastSampleAge: Int64?
    /// Window statistics, ADF, ACF and seasonality, or why the series was skipped.
    let metadata: Result<SeriesMetadata, Skip>
    /// The forecast over the horizon, `nil` when the series was skipped as a whole.
    let forecast: Result<ForecastPipeline.Output, AnalysisError>?

    /// Analyses one series.
    /// - Parameters:
    ///   - series: the series as read; stale markers are dropped.
    ///   - time: T, the end of the windows, in milliseconds.
    ///   - windows: the window lengths in milliseconds.
    ///   - pipeline: the forecast step.
    init(_ series: TimeSeries, at time: Int64, windows: [Int64], pipeline: ForecastPipeline) {
        labels = series.labels
        let kept = series.samples.filter { !$0.isStaleMarker }
        timestamps = kept.map(\.timestamp)
        values = kept.map(\.value)
        staleMarkers = series.samples.count - kept.count
        var buffer = SeriesBuffer()
        buffer.append(series.samples)
        statistics = SeriesStatistics(labels: labels, buffer: buffer, now: time, windows: windows)
        lastSampleAge = timestamps.last.map { time - $0 }
        // The windows are `statistics`, bounded at T; the metadata's own would end at the last sample.
        var recipe = SeriesMetadata.Configuration()
        recipe.windowsMilliseconds = []
        if kept.isEmpty {
            metadata = .failure(.noSamples)
            forecast = nil
        } else if let computed = SeriesMetadata(timestamps: timestamps, values: values, configuration: recipe) {
            metadata = .success(computed)
            forecast = Self.forecast(pipeline, timestamps: timestamps, values: values)
        } else {
            metadata = .failure(.allZero)
            forecast = nil
        }
    }

    /// `last sample 4m12s before T` when the last sample is more than `maximumAge` older than T, else `nil`.
    /// - Parameter maximumAge: the age beyond which the series is called behind (two steps), in milliseconds.
    /// - Returns: the note.
    func lastSampleNote(maximumAge: Int64) -> String? {
        guard let age = lastSampleAge, age > maximumAge else { return nil }
        return "last sample \(PrometheusDuration(milliseconds: age)) before T"
    }

    /// `name{a="x", b="y"}` (labels other than the name inside the braces).
    var name: String {
        let metric = labels.first { $0.name == "__name__" }?.value ?? ""
        let others = labels.filter { $0.name != "__name__" }.map(\.description).joined(separator: ", ")
        return "\(metric){\(others)}"
    }

    /// The pipeline's output, or its error as an `AnalysisError` (anything else is reported as an invalid
    /// argument, with its text).
    private static func forecast(
        _ pipeline: ForecastPipeline, timestamps: [Int64], values: [Double]
    ) -> Result<ForecastPipeline.Output, AnalysisError> {
        do {
            return .success(try pipeline.run(timestamps: timestamps, values: values))
        } catch let error as AnalysisError {
            return .failure(error)
        } catch {
            return .failure(.invalidArgument("\(error)"))
        }
    }
}
