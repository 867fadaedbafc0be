extension SibylService {
    /// What the status page shows now: the source's and the last cycle's state, the skipped analyses, every
    /// objective in force with its latest judgement, traces and error budget, and the anomalous series (none while
    /// the results are stale).
    /// - Parameters:
    ///   - time: now, in Unix milliseconds.
    ///   - telemetryPath: the exposition's path, linked from the page.
    /// - Returns: the snapshot.
    package func statusSnapshot(
        at time: Int64 = wallClockMilliseconds(), telemetryPath: String = "/metrics"
    )
        -> StatusSnapshot
    {
        var snapshot = StatusSnapshot(
            time: time, sourceURL: configuration.source.url, telemetryPath: telemetryPath,
            cycleMetrics: scheduler.board.cycleMetrics, staleness: scheduler.board.staleness,
            analysisMetrics: scheduler.board.analysisMetrics,
            objectives: registry.current.objectives, results: runner.latestObjectiveResults,
            traces: runner.latestObjectiveTraces,
            budgets: Dictionary(
                registry.specifications.compactMap { specification in
                    budgets.latestReport(of: specification).map { (specification.name, $0) }
                }, uniquingKeysWith: { _, last in last }),
            anomalies: scheduler.board.staleness == nil
                ? AnomalySummary(scheduler.board.families(of: .forecastScores)) : .empty)
        let backfill = backfillProgress.counts
        if backfill.total > 0 { snapshot.backfill = backfill }
        return snapshot
    }
}
