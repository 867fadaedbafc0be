package import SibylAnalysis
package import SibylWire
import Synchronization

/// Keeps every forecast until its horizon has passed and scores it against the samples that came, and scores each
/// series' newest sample against the forecast made before it.
///
/// - **Accuracy.** Once a series has a sample at or after a forecast's last step, each step is compared with the
///   series' value at that time (linear between the samples around it, as the resampler takes it; a step without a
///   sample on each side within two steps is left out). `sibyl_forecast_error{measure="mae"|"rmse"|"mase"}` and
///   `sibyl_forecast_interval_coverage` pool the steps of the forecasts whose horizon ended in the last
///   ``Settings/scoringWindow``.
/// - **Anomaly.** The newest sample against the step at or after it of the newest forecast made before it
///   (``AnomalyScore``): `sibyl_anomaly_score`, and `sibyl_anomaly{direction}` 1 when it is anomalous.
/// - **Record.** A scorecard that keeps a journal (`sibyl run`'s) notes every forecast kept, scored and let go as a
///   ``Change``; the archive writer takes them (``takeJournal()``) into its next cycle's transaction, and the next
///   start takes the forecasts and scores back (``restore(_:)``, ``restored(from:settings:now:)``).
package final class ForecastScorecard: Sendable {
    /// What is scored and when a sample is anomalous.
    package struct Settings: Sendable, Hashable {
        /// The forecasts pooled are those whose horizon ended this long before the evaluation time, in ms.
        package var scoringWindow: Int64
        /// The score above which a sample is anomalous.
        package var threshold: Double
        /// The least absolute deviation of an anomalous sample.
        package var minimumDeviation: Double
        /// The least deviation of an anomalous sample relative to the forecast's magnitude.
        package var minimumRelativeDeviation: Double
        /// The horizons scored, ascending: each forecast's first steps up to each.
        package var horizons: [ForecastHorizon]

        /// Creates settings.
        package init(
            scoringWindow: Int64, threshold: Double = 1, minimumDeviation: Double = 0,
            minimumRelativeDeviation: Double = 0, horizons: [ForecastHorizon]
        ) {
            self.scoringWindow = scoringWindow
            self.threshold = threshold
            self.minimumDeviation = minimumDeviation
            self.minimumRelativeDeviation = minimumRelativeDeviation
            self.horizons = horizons
        }
    }

    /// A forecast kept until scored at every horizon.
    package struct Issued: Sendable {
        /// The forecast.
        package var forecast: SeriesForecast
        /// The horizons it has been scored at (the first ones).
        package var scored = 0
        /// The end of a horizon of `steps` steps (the whole path at most).
        func end(_ steps: Int) -> Int64 {
            forecast.lastTime + Int64(min(steps, forecast.path.values.count)) * forecast.step
        }
        /// The end of the whole path.
        var horizonEnd: Int64 { end(.max) }
    }

    /// A forecast's accuracy at one horizon.
    package struct Scored: Sendable, Hashable {
        /// The forecast's ``SeriesForecast/lastTime``, which tells the series' forecasts apart.
        package var lastTime: Int64
        /// The horizon's label.
        package var horizon: String
        /// When the horizon ended, Unix milliseconds.
        package var end: Int64
        /// The horizon's steps against what came.
        package var accuracy: ForecastAccuracy
    }

    private struct State {
        var pending: [[Label]: [Issued]] = [:]
        var scored: [[Label]: [Scored]] = [:]
        /// The changes not yet taken, `nil` for a scorecard that keeps no journal.
        var journal: [Change]?
    }

    /// The settings.
    package let settings: Settings
    private let state: Mutex<State>

    /// Creates an empty scorecard.
    /// - Parameters:
    ///   - settings: what is scored.
    ///   - journaled: whether it notes its changes for ``takeJournal()`` (only when something takes them).
    package init(settings: Settings, journaled: Bool = false) {
        self.settings = settings
        state = Mutex(State(journal: journaled ? [] : nil))
    }

    /// Takes back what an earlier run archived: the forecasts it kept (each series' in time order) and the scores
    /// it pooled (in the order they were scored, so the pooled sums are the same to the bit). A forecast already
    /// scored at every horizon is left out. Nothing goes into the journal.
    package func restore(_ record: Record) {
        let horizons = settings.horizons.count
        state.withLock { state in
            for (labels, issued) in record.pending where issued.scored < horizons {
                if let last = state.pending[labels]?.last, last.forecast.lastTime >= issued.forecast.lastTime {
                    continue
                }
                state.pending[labels, default: []].append(issued)
            }
            for (labels, scored) in record.scored { state.scored[labels, default: []].append(scored) }
        }
    }

    /// The changes since the last call, oldest first (none for a scorecard that keeps no journal).
    package func takeJournal() -> [Change] {
        state.withLock { state in
            defer { if state.journal != nil { state.journal = [] } }
            return state.journal ?? []
        }
    }

    /// Keeps the forecasts of a run.
    package func issue(_ results: [SeriesForecastResult]) {
        state.withLock { state in
            for result in results {
                guard case .success(let forecast) = result.outcome, !forecast.path.values.isEmpty else { continue }
                // A forecast from the same data as the newest kept adds nothing to score.
                if let last = state.pending[result.labels]?.last, last.forecast.lastTime >= forecast.lastTime {
                    continue
                }
                state.pending[result.labels, default: []].append(Issued(forecast: forecast))
                state.journal?.append(.issued(result.labels, Issued(forecast: forecast)))
            }
        }
    }

    /// Scores the forecasts whose horizon has passed and each series' newest sample, and returns the families at
    /// `time`.
    /// - Parameters:
    ///   - store: the series.
    ///   - time: the evaluation time T, Unix milliseconds.
    /// - Returns: `sibyl_forecast_error`, `sibyl_forecast_interval_coverage`, `sibyl_anomaly_score` and
    ///   `sibyl_anomaly`.
    package func families(_ store: SeriesStore, at time: Int64) -> [MetricFamily] {
        let settings = settings
        return state.withLock { state in
            var anomalies: [([Label], AnomalyScore)] = []
            for (labels, issued) in state.pending {
                guard let entry = store.entries[labels], let newest = entry.buffer.lastSeen else {
                    // The series is gone: its forecasts can no longer be scored once their horizon is past.
                    state.pending[labels] = issued.filter { $0.horizonEnd > time - settings.scoringWindow }
                    continue
                }
                // From two steps before the oldest forecast's first step, for the value there.
                let oldest = issued.map { $0.forecast.lastTime - $0.forecast.step }.min() ?? newest
                let samples = entry.buffer.samples(endingAt: newest, length: newest - oldest + 1)
                var kept: [Issued] = []
                for var forecast in issued {
                    let before = forecast.scored
                    while forecast.scored < settings.horizons.count {
                        let horizon = settings.horizons[forecast.scored]
                        let end = forecast.end(horizon.steps)
                        guard end <= newest else { break }
                        let accuracy = Self.accuracy(of: forecast.forecast, steps: horizon.steps, against: samples)
                        if accuracy.count > 0 {
                            let scored = Scored(
                                lastTime: forecast.forecast.lastTime, horizon: horizon.label, end: end,
                                accuracy: accuracy)
                            state.scored[labels, default: []].append(scored)
                            state.journal?.append(.scored(labels, scored))
                        }
                        forecast.scored += 1
                    }
                    if forecast.scored == settings.horizons.count {
                        state.journal?.append(.retired(labels, lastTime: forecast.forecast.lastTime))
                    } else if forecast.scored > before {
                        state.journal?.append(
                            .progressed(labels, lastTime: forecast.forecast.lastTime, scored: forecast.scored))
                    }
                    if forecast.scored < settings.horizons.count && forecast.horizonEnd > time - settings.scoringWindow
                    {
                        kept.append(forecast)
                    }
                }
                state.pending[labels] = kept.isEmpty ? nil : kept
                if let sample = samples.timestamps.indices.last,
                    let score = Self.anomaly(
                        samples.timestamps[sample], samples.values[sample], issued.map(\.forecast))
                {
                    anomalies.append((labels, score))
                }
            }
            for labels in Array(state.scored.keys) {
                state.scored[labels]?.removeAll { $0.end <= time - settings.scoringWindow }
                if state.scored[labels]?.isEmpty == true { state.scored[labels] = nil }
            }
            state.journal?.append(.pruned(through: time - settings.scoringWindow))
            return Self.families(scored: state.scored, anomalies: anomalies, settings: settings)
        }
    }

    /// A forecast's first `steps` steps against the series' values at their times.
    static func accuracy(
        of forecast: SeriesForecast, steps: Int, against samples: (timestamps: [Int64], values: [Double])
    ) -> ForecastAccuracy {
        var accuracy = ForecastAccuracy()
        let path = forecast.path
        for step in path.values.indices.prefix(steps) {
            let time = forecast.lastTime + Int64(step + 1) * forecast.step
            guard let actual = value(at: time, in: samples, within: 2 * forecast.step) else { continue }
            accuracy.add(
                actual: actual, forecast: path.values[step], lower: path.lower[step], upper: path.upper[step],
                scale: forecast.naiveScale ?? 0)
        }
        return accuracy
    }

    /// The series' value at `time`: a sample there, or linear between the samples around it when both lie within
    /// `reach` of it.
    static func value(
        at time: Int64, in samples: (timestamps: [Int64], values: [Double]), within reach: Int64
    ) -> Double? {
        let after = samples.timestamps.partitioningIndex { $0 >= time }
        guard after < samples.timestamps.count else { return nil }
        let later = samples.timestamps[after]
        if later == time { return samples.values[after] }
        guard after > 0 else { return nil }
        let earlier = samples.timestamps[after - 1]
        guard time - earlier <= reach, later - time <= reach else { return nil }
        let share = Double(time - earlier) / Double(later - earlier)
        return samples.values[after - 1] + (samples.values[after] - samples.values[after - 1]) * share
    }

    /// The newest sample against the step at or after it of the newest forecast made before it.
    static func anomaly(_ time: Int64, _ value: Double, _ forecasts: [SeriesForecast]) -> AnomalyScore? {
        guard
            let forecast = forecasts.last(where: {
                $0.lastTime < time && time <= $0.lastTime + Int64($0.path.values.count) * $0.step
            })
        else { return nil }
        let step = Int((time - forecast.lastTime + forecast.step - 1) / forecast.step) - 1
        let path = forecast.path
        return AnomalyScore(
            actual: value, forecast: path.values[step], lower: path.lower[step], upper: path.upper[step])
    }

    private static func families(
        scored: [[Label]: [Scored]], anomalies: [([Label], AnomalyScore)], settings: Settings
    ) -> [MetricFamily] {
        typealias Families = ForecastFamilies
        var error = Families.error.family()
        var coverage = Families.intervalCoverage.family()
        var score = Families.anomalyScore.family()
        var anomaly = Families.anomaly.family()
        for (labels, forecasts) in scored.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            let base = SourceLabels.base(labels)
            for horizon in settings.horizons.map(\.label) {
                var pooled = ForecastAccuracy()
                for forecast in forecasts where forecast.horizon == horizon { pooled.merge(forecast.accuracy) }
                guard pooled.count > 0, let plain = SourceLabels.blocks(base, "horizon", [horizon])?.first,
                    let measures = SourceLabels.blocks(
                        base + [(name: "horizon", value: horizon)], "measure", ["mae", "rmse", "mase"])
                else { continue }
                let values = [pooled.meanAbsoluteError, pooled.rootMeanSquaredError, pooled.meanAbsoluteScaledError]
                for (labels, value) in zip(measures, values) {
                    if let value, value.isFinite { error.append(labels, value) }
                }
                if let value = pooled.intervalCoverage { coverage.append(plain, value) }
            }
        }
        for (labels, result) in anomalies.sorted(by: { $0.0.lexicographicallyPrecedes($1.0) }) {
            let base = SourceLabels.base(labels)
            guard let plain = try? RenderedLabels(base),
                let directions = SourceLabels.blocks(base, "direction", ["above", "below"])
            else { continue }
            score.append(plain, result.score)
            let anomalous = result.isAnomalous(
                threshold: settings.threshold, minimumDeviation: settings.minimumDeviation,
                minimumRelativeDeviation: settings.minimumRelativeDeviation)
            anomaly.append(directions[0], anomalous && result.deviation > 0 ? 1 : 0)
            anomaly.append(directions[1], anomalous && result.deviation < 0 ? 1 : 0)
        }
        return [error, coverage, score, anomaly].filter { !$0.samples.isEmpty }
    }
}
