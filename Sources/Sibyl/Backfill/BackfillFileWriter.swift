package import Logging
import SibylWire

/// `sibyl backfill`: the past cycles of a time range computed from the source's history (``BackfillRun``) and
/// written as one OpenMetrics file (``OpenMetricsBackfillFile``), without an archive.
package struct BackfillFileWriter: Sendable {
    /// What the cycles read and compute.
    package let configuration: SibylConfiguration
    /// Computes the cycles.
    package let run: BackfillRun

    /// Prepares a backfill of `configuration`'s selectors and the objectives its file declares.
    /// - Parameters:
    ///   - configuration: the loaded configuration.
    ///   - configurationFile: its path, the objectives' origin.
    ///   - analyses: whether the metadata, forecasts and objectives are computed too.
    ///   - logger: the logger.
    /// - Throws: when the source's TLS files or the analyses' settings cannot be loaded.
    package init(
        configuration: SibylConfiguration, configurationFile: String, analyses: Bool, logger: Logger
    ) throws {
        self.configuration = configuration
        let windows = configuration.evaluation.windows
        let objectives = configuration.objectives.compactMap { entry in
            ObjectiveSpecification(
                RegisteredObjective(
                    entry.objective, origin: entry.origin(configurationFile: configurationFile),
                    defaultWindows: windows))
        }
        run = BackfillRun(
            evaluation: EvaluationState.Configuration(configuration),
            analyses: analyses ? try AnalysisRunner.Configuration(configuration) : nil, objectives: { objectives },
            source: try seriesSource(configuration), logger: logger)
    }

    /// Computes the cycles of `times` and writes them to `path`.
    /// - Parameters:
    ///   - times: the first and last cycle's times, Unix milliseconds.
    ///   - path: the file to write.
    ///   - progress: called after each cycle with the cycles done and the total.
    /// - Returns: the cycles and samples written.
    /// - Throws: ``BackfillError`` when the source fails, or the file's error.
    package func write(
        _ times: ClosedRange<Int64>, to path: String, progress: (Int, Int) -> Void = { _, _ in }
    ) async throws -> (cycles: Int, samples: Int) {
        var selectors = run.evaluation.selectors.map(SeriesSelector.init)
        for objective in configuration.objectives {
            for selector in objective.objective.readSelectors where !selectors.contains(selector) {
                selectors.append(selector)
            }
        }
        let plan = BackfillPlan(
            selectors: selectors, times: times, interval: configuration.evaluation.interval.milliseconds,
            blockLength: max(run.evaluation.longestWindow, BackfillService.minimumBlockLength))
        var file = OpenMetricsBackfillFile()
        var done = 0
        for block in plan.blocks {
            try await run.run(block) { snapshot in
                file.add(snapshot)
                done += 1
                progress(done, plan.cycles)
            }
        }
        try file.write(to: path)
        return (plan.cycles, file.sampleCount)
    }
}
