package import Logging
import SibylWire

/// Computes past cycles from the source's raw history exactly as live cycles computed them at those times: the same
/// ``EvaluationState`` reading the longest window before a block's first cycle and then only what is new, and, when
/// asked, the same ``AnalysisRunner`` runs at their cadences (metadata every `metadata_interval`, forecasts every
/// `forecast.interval`, objectives at every cycle), their results held between runs as `/metrics` holds them.
package struct BackfillRun: Sendable {
    /// What each cycle reads and computes; the selectors are replaced by each block's.
    package var evaluation: EvaluationState.Configuration
    /// The slower analyses, `nil` for window statistics and native-histogram results only.
    package var analyses: AnalysisRunner.Configuration?
    /// The objectives in force; a block judges those whose series it reads.
    package var objectives: @Sendable () -> [ObjectiveSpecification]
    /// The source.
    package var source: any SeriesSource
    /// The logger (the analyses' skip lines).
    package var logger: Logger

    /// Creates a run.
    /// - Parameters:
    ///   - evaluation: the live cycles' configuration.
    ///   - analyses: the slower analyses, `nil` for none.
    ///   - objectives: the objectives in force.
    ///   - source: the source.
    package init(
        evaluation: EvaluationState.Configuration, analyses: AnalysisRunner.Configuration?,
        objectives: @escaping @Sendable () -> [ObjectiveSpecification], source: any SeriesSource, logger: Logger
    ) {
        self.evaluation = evaluation
        self.analyses = analyses
        self.objectives = objectives
        self.source = source
        self.logger = logger
    }

    /// Computes a block's cycles, oldest first, handing each to `sink` as the snapshot `/metrics` would have shown
    /// then (status `backfill`, result families only).
    /// - Parameters:
    ///   - block: the selectors and times.
    ///   - sink: takes each cycle; an error it throws ends the block.
    /// - Throws: ``BackfillError`` when the source fails, `CancellationError` when cancelled, or what `sink` threw.
    package func run(
        _ block: BackfillPlan.Block, sink: (CycleSnapshot) async throws -> Void
    ) async throws {
        var configuration = evaluation
        configuration.selectors = block.selectors.map(\.matchers)
        var state = EvaluationState(configuration: configuration)
        let board = ExpositionBoard(publisher: nil)
        let read = Set(block.selectors)
        let judged = objectives
        let runner = analyses.map { analyses in
            AnalysisRunner(
                configuration: analyses, board: board, logger: logger,
                objectives: { judged().filter { $0.readSelectors.allSatisfy(read.contains) } })
        }
        var last: (metadata: Int64?, forecast: Int64?) = (nil, nil)
        let clock = ContinuousClock()
        for time in block.times {
            try Task.checkCancellation()
            let started = clock.now
            switch await state.runCycle(at: time, client: source) {
            case .succeeded: break
            case .cancelled: throw CancellationError()
            case .failed(let reason):
                throw BackfillError(
                    time: time, reason: reason, message: state.metrics.lastFailure?.message ?? reason)
            }
            board.update([.windows: state.derivedFamilies])
            if let runner, let analyses {
                if Self.isDue(last.metadata, every: analyses.metadataInterval, at: time, slack: analyses.slack) {
                    await runner.runMetadata(state.store, at: time)
                    last.metadata = time
                }
                if Self.isDue(last.forecast, every: analyses.forecastInterval, at: time, slack: analyses.slack) {
                    await runner.runForecasts(state.store, at: time)
                    last.forecast = time
                }
                runner.runScores(state.store, at: time)
                await runner.runObjectives(state.store, histograms: state.histograms, at: time)
            }
            try Task.checkCancellation()
            let elapsed = clock.now - started
            try await sink(
                CycleSnapshot(
                    time: time, duration: AnalysisRunner.seconds(elapsed), status: CycleSnapshot.backfillStatus,
                    families: board.resultFamilies))
        }
    }

    /// Whether a run last started at `last` is due again at `time`, as ``AnalysisRunner`` decides it.
    static func isDue(_ last: Int64?, every interval: Int64, at time: Int64, slack: Int64) -> Bool {
        guard let last else { return true }
        return time - last >= interval - slack
    }
}

/// A backfilled cycle the source could not be read for.
package struct BackfillError: Error, Sendable, CustomStringConvertible {
    /// The cycle's time, in Unix milliseconds.
    package var time: Int64
    /// The bounded reason (`connection_refused`, `http_5xx`, …).
    package var reason: String
    /// What happened, for the log.
    package var message: String

    package var description: String { "cannot read the source for the cycle at \(time): \(message)" }
}
