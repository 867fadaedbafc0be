package import SibylAnalysis
import SibylWire

/// Resamples stored series over the longest window, finds their season, chooses their model (kept for
/// `forecast.model_interval`), fits and forecasts them (``ForecastPipeline``), in parallel.
///
/// A series is forecast only once its samples cover ``minimumHistory`` (`forecast.min_history`): a fit over a few
/// minutes swings with every sample (`node_load1` at 1 to 2.5 was forecast between −1.6 and 0.8 after 10 minutes).
/// Before that it is skipped as `too_short`, with the history it has and the history it needs.
package struct ForecastEvaluator: Sendable {
    /// The resampling, fit and forecast settings.
    package let pipeline: ForecastPipeline
    /// The window analysed, in milliseconds (the longest evaluation window).
    package let window: Int64
    /// The history a series needs before it is forecast, in milliseconds: the time its samples cover, from the
    /// first to the last plus the mean interval between two (``history(_:)``).
    package let minimumHistory: Int64
    /// The resampling step in milliseconds.
    package let step: Int64
    /// Series per parallel task.
    package let batchSize: Int
    /// Each series' season and model, re-chosen every `forecast.model_interval`.
    package let choices: ForecastChoices

    /// The most steps a forecast horizon may have (a day at 1 s).
    package static let maximumSteps: Int64 = 86_400

    /// Creates an evaluator.
    /// - Parameters:
    ///   - configuration: the forecast settings (horizon, season length, level, minimum history).
    ///   - step: the resampling step (the evaluation step).
    ///   - window: the window analysed, in milliseconds.
    ///   - batchSize: series per parallel task.
    /// - Throws: `AnalysisError.invalidArgument` for a step that is not positive, or a horizon of more than
    ///   ``maximumSteps`` steps.
    package init(
        configuration: ForecastConfiguration, step: PrometheusDuration, window: Int64, batchSize: Int = 2
    ) throws(AnalysisError) {
        let stepMilliseconds = step.milliseconds
        guard stepMilliseconds > 0 else { throw .invalidArgument("the forecast step must be positive") }
        let resampler: LinearResampler
        do {
            resampler = try LinearResampler(stepMilliseconds: stepMilliseconds)
        } catch {
            throw .invalidArgument("\(error)")
        }
        let horizon = configuration.horizon.milliseconds
        let (whole, part) = horizon.quotientAndRemainder(dividingBy: stepMilliseconds)
        let steps = max(1, whole + (part > 0 ? 1 : 0))
        guard steps <= Self.maximumSteps else {
            throw .invalidArgument(
                "forecast.horizon \(configuration.horizon) is \(steps) evaluation steps of \(step), more than the "
                    + "\(Self.maximumSteps) a forecast may have")
        }
        pipeline = ForecastPipeline(
            resampler: resampler, season: configuration.season, model: configuration.model, steps: Int(steps),
            normalQuantile: HoltWintersForecast.normalQuantile(level: configuration.level))
        self.window = window
        self.step = stepMilliseconds
        minimumHistory =
            configuration.minimumHistory(step: step, longestWindow: PrometheusDuration(milliseconds: window))
            .milliseconds
        self.batchSize = max(1, batchSize)
        choices = ForecastChoices(interval: configuration.modelInterval.milliseconds)
    }

    /// The forecast of one series at time `now`.
    /// - Parameters:
    ///   - entry: the stored series.
    ///   - now: the evaluation time T; the window is (T − window, T].
    /// - Returns: the result.
    package func evaluate(_ entry: SeriesStore.Entry, at now: Int64) -> SeriesForecastResult {
        var room = DecodedWindow()
        return evaluate(entry, at: now, decodingInto: &room)
    }

    /// The forecast of one series at time `now`, its window decoded into a worker's reusable room.
    func evaluate(
        _ entry: SeriesStore.Entry, at now: Int64, decodingInto samples: inout DecodedWindow
    )
        -> SeriesForecastResult
    {
        entry.buffer.samples(endingAt: now, length: window, into: &samples)
        return SeriesForecastResult(
            labels: entry.labels,
            outcome: forecast(
                timestamps: samples.timestamps, values: samples.values, key: ForecastChoices.Key(entry.labels),
                at: now))
    }

    /// The forecast of arbitrary samples (a series, or its rate), with the season and model chosen for `key` less
    /// than `forecast.model_interval` ago, or chosen now.
    /// - Parameters:
    ///   - timestamps: sample times in milliseconds, ascending.
    ///   - values: one value per timestamp.
    ///   - key: what is forecast, whose choice is kept.
    ///   - now: the evaluation time in milliseconds.
    /// - Returns: the forecast, or why there is none (`too_short` below ``minimumHistory``).
    package func forecast(
        timestamps: [Int64], values: [Double], key: ForecastChoices.Key, at now: Int64
    ) -> Result<SeriesForecast, AnalysisError> {
        Result { () throws(AnalysisError) -> SeriesForecast in
            guard !values.isEmpty, !timestamps.isEmpty else {
                throw .tooShort("no samples in the window")
            }
            // To the second: a few milliseconds of scrape jitter do not hold back a full window.
            let history = Self.roundedToSeconds(Self.history(timestamps, step: step))
            guard history.milliseconds >= minimumHistory else {
                throw .tooShort("\(history) of history, needs \(PrometheusDuration(milliseconds: minimumHistory))")
            }
            let output: ForecastPipeline.Output
            do {
                output = try pipeline.run(
                    timestamps: timestamps, values: values, keeping: choices.current(key, at: now))
            } catch let error as AnalysisError {
                throw error
            } catch {
                throw .invalidArgument("\(error)")
            }
            choices.record(output.choice, for: key, at: now)
            let resampled = output.resampled
            let last =
                resampled.startMilliseconds + Int64(max(0, resampled.values.count - 1)) * resampled.stepMilliseconds
            return SeriesForecast(
                summary: output.summary, path: output.path, lastTime: last, step: resampled.stepMilliseconds,
                naiveScale: ForecastAccuracy.naiveScale(resampled.values, season: output.choice.season ?? 1),
                choice: output.choice)
        }
    }

    /// The time `timestamps` cover: from the first to the last, plus the mean interval between two (one `step`
    /// for a single sample), so that samples every 15 s filling a 30-minute window cover 30 minutes, not 29m45s.
    /// - Parameters:
    ///   - timestamps: sample times in milliseconds, ascending, at least one.
    ///   - step: what a single sample covers.
    /// - Returns: the history in milliseconds.
    static func history(_ timestamps: [Int64], step: Int64) -> Int64 {
        guard let oldest = timestamps.first, let newest = timestamps.last, timestamps.count > 1 else { return step }
        let span = newest - oldest
        return span + span / Int64(timestamps.count - 1)
    }

    /// `milliseconds` to the second, as Prometheus writes durations (`9m55s`).
    private static func roundedToSeconds(_ milliseconds: Int64) -> PrometheusDuration {
        PrometheusDuration(milliseconds: (milliseconds + 500) / 1000 * 1000)
    }

    /// The forecasts of every series in `entries` at time `now`, sorted by label set.
    /// - Parameters:
    ///   - entries: the stored series.
    ///   - now: the evaluation time T in milliseconds.
    /// - Returns: one result per series.
    package func evaluate(_ entries: [SeriesStore.Entry], at now: Int64) async -> [SeriesForecastResult] {
        let evaluator = self
        var results = await entries.concurrentMap(batchSize: batchSize, workerState: DecodedWindow.init) {
            evaluator.evaluate($1, at: now, decodingInto: &$0)
        }
        results.sort { $0.labels.lexicographicallyPrecedes($1.labels) }
        return results
    }
}
