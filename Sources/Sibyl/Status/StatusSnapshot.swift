/// What the status page (`GET /`) shows, read from the running service at one moment: a plain value, so that
/// ``StatusPage`` is a pure function of it.
package struct StatusSnapshot: Sendable {
    /// The remote-read source and how reading it went.
    package struct Source: Sendable {
        /// The remote-read URL.
        package var url: String
        /// Whether the last read succeeded; `nil` before the first read.
        package var isUp: Bool?
        /// The last failed read, if any.
        package var lastFailure: SelfMetrics.Failure?
        /// Failed cycles by bounded reason, since start.
        package var failures: [String: Int]

        /// Creates a source state.
        /// - Parameters:
        ///   - url: the remote-read URL.
        ///   - isUp: whether the last read succeeded, `nil` before the first.
        ///   - lastFailure: the last failed read.
        ///   - failures: failed cycles by reason.
        package init(url: String, isUp: Bool?, lastFailure: SelfMetrics.Failure? = nil, failures: [String: Int] = [:]) {
            self.url = url
            self.isUp = isUp
            self.lastFailure = lastFailure
            self.failures = failures
        }
    }

    /// The last successful evaluation cycle.
    package struct Cycle: Sendable {
        /// Its evaluation time T, in Unix milliseconds.
        package var time: Int64
        /// The wall time of the last cycle, in seconds.
        package var duration: Double
        /// The source series held after it.
        package var series: Int

        /// Creates a cycle summary.
        /// - Parameters:
        ///   - time: the evaluation time in milliseconds.
        ///   - duration: the last cycle's wall time in seconds.
        ///   - series: the series held.
        package init(time: Int64, duration: Double, series: Int) {
            self.time = time
            self.duration = duration
            self.series = series
        }
    }

    /// How many series one analysis skipped for one reason, since start.
    package struct Skip: Sendable, Hashable {
        /// `adf`, `acf`, `seasonality` or `forecast`.
        package var analysis: String
        /// The bounded reason (`constant`, `too_short`, …).
        package var reason: String
        /// Series skipped, counted per run.
        package var count: Int

        /// Creates a skip count.
        /// - Parameters:
        ///   - count: how many.
        package init(analysis: String, reason: String, count: Int) {
            self.analysis = analysis
            self.reason = reason
            self.count = count
        }
    }

    /// Sibyl's version.
    package var version: String
    /// When the snapshot was taken, in Unix milliseconds.
    package var time: Int64
    /// The path of the exposition (`/metrics`).
    package var telemetryPath: String
    /// Where the documentation is.
    package var documentationURL: String
    /// The source and its state.
    package var source: Source
    /// The shard this Sibyl is, `nil` when unsharded.
    package var shard: ShardFilter?
    /// How far the backfill has come, `nil` when none was planned.
    package var backfill: BackfillProgress.Counts?
    /// The last successful cycle, `nil` before the first.
    package var cycle: Cycle?
    /// Why the derived series are withdrawn from the exposition, `nil` while they are served.
    package var staleness: Staleness?
    /// Cycles run, successful or not.
    package var evaluations: Int
    /// Skipped analyses, by analysis then reason.
    package var skipped: [Skip]
    /// Every objective in force, by name.
    package var objectives: [ObjectiveSummary]
    /// The series whose newest sample is anomalous now, and how many were scored.
    package var anomalies: AnomalySummary

    /// The documentation the page links to: Sibyl's own reference page (``ReferencePage``), served without network.
    package static let defaultDocumentationURL = "/docs"

    /// Creates a snapshot.
    /// - Parameters:
    ///   - version: Sibyl's version.
    ///   - time: when it was taken, in Unix milliseconds.
    ///   - telemetryPath: the exposition's path.
    ///   - documentationURL: where the documentation is.
    ///   - source: the source and its state.
    ///   - cycle: the last successful cycle.
    ///   - staleness: why the derived series are withdrawn, if they are.
    ///   - evaluations: cycles run.
    ///   - skipped: skipped analyses (sorted here).
    ///   - objectives: the objectives (sorted by name here).
    ///   - anomalies: the anomalous series.
    package init(
        version: String = SibylVersion.version, time: Int64, telemetryPath: String = "/metrics",
        documentationURL: String = StatusSnapshot.defaultDocumentationURL, source: Source, cycle: Cycle?,
        staleness: Staleness? = nil, evaluations: Int, skipped: [Skip], objectives: [ObjectiveSummary],
        anomalies: AnomalySummary = .empty
    ) {
        self.version = version
        self.time = time
        self.telemetryPath = telemetryPath
        self.documentationURL = documentationURL
        self.source = source
        self.cycle = cycle
        self.staleness = staleness
        self.evaluations = evaluations
        self.skipped = skipped.sorted { ($0.analysis, $0.reason) < ($1.analysis, $1.reason) }
        self.objectives = objectives.sorted { $0.name < $1.name }
        self.anomalies = anomalies
    }

    /// The snapshot of a service's parts.
    /// - Parameters:
    ///   - time: now, in Unix milliseconds.
    ///   - sourceURL: the remote-read URL.
    ///   - telemetryPath: the exposition's path.
    ///   - cycleMetrics: the evaluation loop's self-monitoring.
    ///   - staleness: why the derived series are withdrawn, if they are.
    ///   - analysisMetrics: the analyses' self-monitoring.
    ///   - objectives: the objectives in force.
    ///   - results: the latest judgement of each objective, by name.
    ///   - traces: the traces of each objective's first series, by name.
    ///   - budgets: the latest error-budget report of each budgeted objective, by name.
    ///   - anomalies: the anomalous series.
    package init(
        time: Int64, sourceURL: String, telemetryPath: String, cycleMetrics: SelfMetrics, staleness: Staleness? = nil,
        analysisMetrics: AnalysisMetrics, objectives: [RegisteredObjective], results: [String: ObjectiveResult],
        traces: [String: [ObjectiveTrace]], budgets: [String: ErrorBudgetReport] = [:],
        anomalies: AnomalySummary = .empty
    ) {
        self.init(
            time: time, telemetryPath: telemetryPath,
            source: Source(
                url: sourceURL, isUp: cycleMetrics.evaluations > 0 ? cycleMetrics.sourceUp : nil,
                lastFailure: cycleMetrics.lastFailure, failures: cycleMetrics.failures),
            cycle: cycleMetrics.lastEvaluation > 0
                ? Cycle(
                    time: cycleMetrics.lastEvaluation, duration: cycleMetrics.lastDuration, series: cycleMetrics.series)
                : nil,
            staleness: staleness,
            evaluations: cycleMetrics.evaluations,
            skipped: analysisMetrics.skipped.map { key, count in
                Skip(analysis: key.analysis, reason: key.reason, count: count)
            },
            objectives: objectives.map { objective in
                ObjectiveSummary(
                    objective, result: results[objective.name], traces: traces[objective.name] ?? [],
                    budget: budgets[objective.name])
            },
            anomalies: anomalies)
        shard = cycleMetrics.shard
    }
}
