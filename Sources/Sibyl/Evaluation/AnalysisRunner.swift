package import Logging
import SibylAnalysis
package import SibylWire
import Synchronization

/// Runs the slower analyses on their own cadence, off the evaluation cycle: the metadata (ADF, ACF, seasonal
/// decomposition) of every stored series, the forecasts of the selected series and of every objective's series,
/// and the objectives' violations and predicted violations.
///
/// After each successful cycle the scheduler hands over the store (a copy-on-write snapshot); a run that is due
/// starts in the background unless the previous run of the same analysis is still going, so a slow run delays
/// neither the window statistics nor itself. Objectives are judged after every cycle, right after the forecasts
/// when these run. Each finished run replaces its families on the ``ExpositionBoard``.
package final class AnalysisRunner: Sendable {
    /// What runs, and how often.
    package struct Configuration: Sendable {
        /// The metadata computation.
        package var metadata: MetadataEvaluator
        /// The metadata families' settings.
        package var metadataSeries: MetadataSeries
        /// The time between two metadata runs, in milliseconds.
        package var metadataInterval: Int64
        /// The forecast computation.
        package var forecast: ForecastEvaluator
        /// The forecast families' settings.
        package var forecastSeries: ForecastSeries
        /// The series that get a forecast.
        package var forecastSelectors: [SeriesSelector]
        /// The time between two forecast runs, in milliseconds.
        package var forecastInterval: Int64
        /// A run is due this much before its interval has fully passed (half a cycle), so that cycle jitter does
        /// not push it to the next cycle.
        package var slack: Int64
        /// Judges the objectives.
        package var objectives: ObjectiveEvaluator
        /// How forecasts are scored and anomalies flagged; `nil` scores nothing.
        package var scoring: ForecastScorecard.Settings?

        /// Creates a configuration.
        /// - Parameters:
        ///   - metadata: the metadata computation.
        ///   - metadataSeries: the metadata families' settings.
        ///   - metadataInterval: milliseconds between metadata runs.
        ///   - forecast: the forecast computation.
        ///   - forecastSeries: the forecast families' settings.
        ///   - forecastSelectors: the series that get a forecast.
        ///   - forecastInterval: milliseconds between forecast runs.
        ///   - slack: how early a run may be due, in milliseconds.
        ///   - objectives: judges the objectives.
        ///   - scoring: how forecasts are scored, if they are.
        package init(
            metadata: MetadataEvaluator, metadataSeries: MetadataSeries, metadataInterval: Int64,
            forecast: ForecastEvaluator, forecastSeries: ForecastSeries, forecastSelectors: [SeriesSelector],
            forecastInterval: Int64, slack: Int64, objectives: ObjectiveEvaluator,
            scoring: ForecastScorecard.Settings? = nil
        ) {
            self.metadata = metadata
            self.metadataSeries = metadataSeries
            self.metadataInterval = metadataInterval
            self.forecast = forecast
            self.forecastSeries = forecastSeries
            self.forecastSelectors = forecastSelectors
            self.forecastInterval = forecastInterval
            self.slack = slack
            self.objectives = objectives
            self.scoring = scoring
        }
    }

    private enum Kind: Hashable, CaseIterable {
        case metadata, forecast, objectives
    }

    private struct State {
        /// Per analysis, the evaluation time of its last start, the task and whether it is still running.
        var last: [Kind: Int64] = [:]
        var tasks: [Kind: Task<Void, Never>] = [:]
        var running: Set<Kind> = []
        var forecasts: [SeriesForecastResult] = []
        /// Per rate objective, the forecasts of its series' rates by label set.
        var rateForecasts: [String: [[Label]: Result<SeriesForecast, AnalysisError>]] = [:]
        var objectiveResults: [ObjectiveResult] = []
        /// Per objective, the traces of its first series, judged with ``objectiveResults``.
        var objectiveTraces: [String: [ObjectiveTrace]] = [:]
        var objectivesTime: Int64 = .min
    }

    /// The settings.
    package let configuration: Configuration
    private let board: ExpositionBoard
    private let logger: Logger
    private let objectives: @Sendable () -> [ObjectiveSpecification]
    /// Counts the budgeted objectives' events at each judgement, if anything keeps them.
    private let budgets: ErrorBudgetLedger?
    /// Keeps the forecasts until their horizon has passed, and scores them and the newest samples.
    private let scorecard: ForecastScorecard?
    private let state = Mutex(State())

    /// Creates a runner.
    /// - Parameters:
    ///   - configuration: what runs, and how often.
    ///   - board: where the results go.
    ///   - logger: the logger (one debug line per skipped analysis).
    ///   - objectives: the objectives in force, asked at each run (their series always get a forecast).
    ///   - budgets: counts the budgeted objectives' events at each judgement; `nil` publishes no budget.
    ///   - scorecard: keeps and scores the forecasts (one restored from the archive); `nil` makes an empty one of
    ///     `configuration.scoring`.
    package init(
        configuration: Configuration, board: ExpositionBoard, logger: Logger,
        objectives: @escaping @Sendable () -> [ObjectiveSpecification] = { [] }, budgets: ErrorBudgetLedger? = nil,
        scorecard: ForecastScorecard? = nil
    ) {
        self.configuration = configuration
        self.board = board
        self.logger = logger
        self.objectives = objectives
        self.budgets = budgets
        self.scorecard = scorecard ?? configuration.scoring.map { ForecastScorecard(settings: $0) }
    }

    /// Whether no analysis is running: a cycle now would start every analysis that is due.
    package var isIdle: Bool { state.withLock { $0.running.isEmpty } }

    /// The forecasts of the last finished forecast run.
    package var latestForecasts: [SeriesForecastResult] { state.withLock { $0.forecasts } }

    /// The latest judgement of each objective, by name.
    package var latestObjectiveResults: [String: ObjectiveResult] {
        state.withLock { state in
            Dictionary(
                state.objectiveResults.map { ($0.specification.name, $0) }, uniquingKeysWith: { _, last in last })
        }
    }

    /// The recent values and forecast bands of the first series of each objective, by objective name, from the same
    /// run as ``latestObjectiveResults``.
    package var latestObjectiveTraces: [String: [ObjectiveTrace]] { state.withLock { $0.objectiveTraces } }

    /// Starts every analysis that is due at `time` and not already running, in the background.
    /// - Parameters:
    ///   - store: the series after a successful cycle.
    ///   - histograms: its native-histogram series (latency objectives count from them).
    ///   - time: that cycle's evaluation time T in milliseconds.
    package func cycleSucceeded(
        _ store: SeriesStore, histograms: HistogramStore = HistogramStore(maxSeries: 0), at time: Int64
    ) {
        start(.metadata, store: store, at: time)
        if !start(.forecast, store: store, histograms: histograms, at: time) {
            start(.objectives, store: store, histograms: histograms, at: time)
        }
    }

    /// Starts `kind` when due and not running; a forecast run judges the objectives after it.
    /// - Returns: whether it started.
    @discardableResult
    private func start(
        _ kind: Kind, store: SeriesStore, histograms: HistogramStore = HistogramStore(maxSeries: 0), at time: Int64
    ) -> Bool {
        let interval: Int64 =
            switch kind {
            case .metadata: configuration.metadataInterval
            case .forecast: configuration.forecastInterval
            case .objectives: 0
            }
        return state.withLock { state in
            guard !state.running.contains(kind) else { return false }
            if let last = state.last[kind], time - last < interval - configuration.slack { return false }
            state.last[kind] = time
            state.running.insert(kind)
            state.tasks[kind] = Task {
                switch kind {
                case .metadata: await self.runMetadata(store, at: time)
                case .forecast:
                    await self.runForecasts(store, at: time)
                    self.runScores(store, at: time)
                    await self.runObjectives(store, histograms: histograms, at: time)
                case .objectives:
                    self.runScores(store, at: time)
                    await self.runObjectives(store, histograms: histograms, at: time)
                }
                _ = self.state.withLock { $0.running.remove(kind) }
            }
            return true
        }
    }

    /// Cancels the runs in progress.
    package func cancel() {
        state.withLock { state in
            for task in state.tasks.values { task.cancel() }
        }
    }

    /// Computes the metadata of every stored series at `time` now, and publishes it.
    /// - Parameters:
    ///   - store: the series.
    ///   - time: the evaluation time T in milliseconds.
    package func runMetadata(_ store: SeriesStore, at time: Int64) async {
        let clock = ContinuousClock()
        let started = clock.now
        let results = await configuration.metadata.evaluate(Array(store.entries.values), at: time)
        guard !Task.isCancelled else { return }
        var skipped: [AnalysisMetrics.Skip: Int] = [:]
        var series = 0
        for result in results {
            guard let metadata = result.metadata else {
                let reason = result.skipReason ?? "unknown"
                for analysis in ["adf", "acf", "seasonality"] {
                    skipped[AnalysisMetrics.Skip(analysis, reason), default: 0] += 1
                }
                logSkip(result.labels, "metadata", reason, "no value to analyse")
                continue
            }
            series += 1
            let outcomes: [(String, AnalysisError?)] = [
                ("adf", metadata.stationarity.failure), ("acf", metadata.autocorrelation.failure),
                ("seasonality", metadata.seasonality.failure),
            ]
            for case (let analysis, let error?) in outcomes {
                skipped[AnalysisMetrics.Skip(analysis, error.shortDescription), default: 0] += 1
                logSkip(result.labels, analysis, error.shortDescription, error.message)
            }
        }
        let families = configuration.metadataSeries.families(for: results)
        let run = AnalysisMetrics.Run(
            analysis: "metadata", duration: Self.seconds(clock.now - started), series: series, time: time,
            skipped: skipped)
        board.update([.metadata: families], run: run)
    }

    /// Forecasts the selected series at `time` now, and publishes the forecasts.
    /// - Parameters:
    ///   - store: the series.
    ///   - time: the evaluation time T in milliseconds.
    package func runForecasts(_ store: SeriesStore, at time: Int64) async {
        let clock = ContinuousClock()
        let started = clock.now
        let specifications = objectives()
        var selectors = configuration.forecastSelectors
        for selector in specifications.map(\.selector) where !selectors.contains(selector) {
            selectors.append(selector)
        }
        let compiled = selectors.map { $0.compiled() }
        let entries = store.entries.values.filter { entry in compiled.contains { $0.matches(entry.labels) } }
        let results = await configuration.forecast.evaluate(Array(entries), at: time)
        let rateForecasts = await rateForecasts(
            specifications.filter(\.judgesDerivedValues), store: store, at: time)
        guard !Task.isCancelled else { return }
        var skipped: [AnalysisMetrics.Skip: Int] = [:]
        var series = 0
        for result in results {
            switch result.outcome {
            case .success: series += 1
            case .failure(let error):
                skipped[AnalysisMetrics.Skip("forecast", error.shortDescription), default: 0] += 1
                logSkip(result.labels, "forecast", error.shortDescription, error.message)
            }
        }
        state.withLock {
            $0.forecasts = results
            $0.rateForecasts = rateForecasts
        }
        scorecard?.issue(results)
        let families = configuration.forecastSeries.families(for: results)
        let run = AnalysisMetrics.Run(
            analysis: "forecast", duration: Self.seconds(clock.now - started), series: series, time: time,
            skipped: skipped)
        board.update([.forecasts: families], run: run)
    }

    /// Scores the forecasts whose horizon has passed and each forecast series' newest sample, and publishes the
    /// scores (every cycle, after the forecasts when they run).
    /// - Parameters:
    ///   - store: the series.
    ///   - time: the evaluation time T in milliseconds.
    package func runScores(_ store: SeriesStore, at time: Int64) {
        guard let scorecard, !Task.isCancelled else { return }
        board.update([.forecastScores: scorecard.families(store, at: time)])
    }

    /// The forecasts of the judged values (rates, ratios) of the rate and ratio objectives' series, by objective and
    /// label set.
    private func rateForecasts(
        _ specifications: [ObjectiveSpecification], store: SeriesStore, at time: Int64
    ) async -> [String: [[Label]: Result<SeriesForecast, AnalysisError>]] {
        let evaluator = configuration.objectives
        let pairs = specifications.flatMap { specification in
            evaluator.series(of: specification, in: store).map { (specification, $0) }
        }
        let forecasts = await pairs.concurrentMap(batchSize: 1) { specification, entry in
            (specification.name, entry.labels, evaluator.rateForecast(entry, specification, at: time))
        }
        var byObjective: [String: [[Label]: Result<SeriesForecast, AnalysisError>]] = [:]
        for (name, labels, forecast) in forecasts { byObjective[name, default: [:]][labels] = forecast }
        return byObjective
    }

    /// Judges every objective in force at `time` against the store and the latest forecasts, and publishes the
    /// results unless newer ones are already out.
    /// - Parameters:
    ///   - store: the series.
    ///   - histograms: the native-histogram series (latency objectives count from them).
    ///   - time: the evaluation time T in milliseconds.
    package func runObjectives(
        _ store: SeriesStore, histograms: HistogramStore = HistogramStore(maxSeries: 0), at time: Int64
    ) async {
        let clock = ContinuousClock()
        let started = clock.now
        let specifications = objectives()
        let (forecasts, rateForecasts) = state.withLock { state in
            (
                Dictionary(state.forecasts.map { ($0.labels, $0.outcome) }, uniquingKeysWith: { _, last in last }),
                state.rateForecasts
            )
        }
        let evaluator = configuration.objectives
        let judged = await specifications.concurrentMap(batchSize: 1) { specification in
            let forecast = { (labels: [Label]) in
                specification.judgesDerivedValues ? rateForecasts[specification.name]?[labels] : forecasts[labels]
            }
            // Selected once: a ratio objective's series are divided here, for the judgement and the traces.
            let selection = evaluator.selection(of: specification, in: store)
            return (
                evaluator.evaluate(specification, selection: selection, at: time, forecast: forecast),
                evaluator.traces(specification, entries: selection.entries, at: time, forecast: forecast)
            )
        }
        let results = judged.map { $0.0 }
        guard !Task.isCancelled else { return }
        let budgetFamilies =
            await budgets?.record(
                specifications, store: store, histograms: histograms, at: time) ?? []
        let isNewest = state.withLock { state -> Bool in
            guard time >= state.objectivesTime else { return false }
            state.objectivesTime = time
            state.objectiveResults = results
            state.objectiveTraces = Dictionary(
                judged.map { ($0.0.specification.name, $0.1) }, uniquingKeysWith: { _, last in last })
            return true
        }
        guard isNewest else { return }
        var skipped: [AnalysisMetrics.Skip: Int] = [:]
        for result in results {
            for skip in result.skipped {
                skipped[AnalysisMetrics.Skip("objectives", skip.reason.rawValue), default: 0] += 1
                logSkip(skip.labels, "objectives", skip.reason.rawValue, skip.reason.message)
            }
        }
        let run = AnalysisMetrics.Run(
            analysis: "objectives", duration: Self.seconds(clock.now - started),
            series: results.reduce(0) { $0 + $1.series.count }, time: time, skipped: skipped)
        board.update([.objectives: ObjectiveSeries().families(for: results) + budgetFamilies], run: run)
    }

    private func logSkip(_ labels: [Label], _ analysis: String, _ reason: String, _ message: String) {
        logger.debug(
            "analysis skipped",
            metadata: [
                "series": "\(SeriesSelector(labels.map { LabelMatcher($0.name, .equal, $0.value) }))",
                "analysis": "\(analysis)", "reason": "\(reason)", "message": "\(message)",
            ])
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}

extension Result {
    /// The error, or `nil` on success.
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
