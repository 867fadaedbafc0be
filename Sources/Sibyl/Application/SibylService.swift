public import Hummingbird
public import Logging
import SibylWire

/// Everything `sibyl run` runs, assembled from a configuration: the archive (objectives and every cycle's
/// results) and the objective registry, the evaluation loop with its background analyses, the exposition, and the
/// HTTP routes.
public struct SibylService: Sendable {
    /// The configuration.
    public let configuration: SibylConfiguration
    /// The `/metrics` body.
    package let publisher: ExpositionPublisher
    /// The SQLite file of the run-time objectives.
    package let archive: Archive
    /// The objectives in force.
    package let registry: ObjectiveRegistry
    /// The metadata, forecast and objective runs.
    package let runner: AnalysisRunner
    /// The budgeted objectives' events and latest budget reports.
    package let budgets: ErrorBudgetLedger
    /// Requests for a cycle now.
    package let trigger: EvaluationTrigger
    /// The evaluation loop.
    package let scheduler: EvaluationScheduler
    /// The objectives' HTTP API.
    package let objectivesAPI: ObjectivesAPI
    /// Writes every successful cycle's results into the archive, off the evaluation path.
    package let archiveWriter: ArchiveWriter
    /// `POST /api/v1/read` over the archive.
    package let remoteReadAPI: RemoteReadAPI
    /// Sends every archived cycle to the `remote_write` endpoints.
    package let remoteWrite: RemoteWriteService
    /// Computes the derived history of the time before the start (`backfill`).
    package let backfill: BackfillService
    /// How far the backfill has come.
    package let backfillProgress: BackfillProgress

    /// Assembles the service.
    /// - Parameters:
    ///   - configuration: the loaded configuration.
    ///   - configurationFile: the configuration file's path, which file objectives name as their origin.
    ///   - adminToken: the token of the mutating API calls, `nil` to disable them.
    ///   - now: the evaluation time of a cycle (the wall clock unless a test says otherwise).
    /// - Throws: ``ArchiveError`` naming the file when the archive cannot be opened or read; ``FamilyCatalogError``
    ///   when the family catalog is inconsistent; ``SourceHTTPClients/TLSFileError`` when a remote-write TLS file
    ///   cannot be loaded.
    public init(
        configuration: SibylConfiguration, configurationFile: String, adminToken: AdminToken?, logger: Logger,
        now: @escaping @Sendable () -> Int64 = wallClockMilliseconds
    ) throws {
        try FamilyCatalog.validate()
        self.configuration = configuration
        publisher = ExpositionPublisher()
        let archive = try Archive(path: configuration.archive.path)
        self.archive = archive
        let analyses = try AnalysisRunner.Configuration(configuration)
        // The forecasts still to be scored and the scores still pooled, as the archive kept them before a restart.
        let scorecard = try analyses.scoring.map { settings throws(ArchiveError) in
            try ForecastScorecard.restored(from: archive.results, settings: settings, now: now())
        }
        let archiveWriter = ArchiveWriter(
            archive: archive, retention: ArchiveRetention(configuration.archive), logger: logger,
            scorecard: scorecard, now: now)
        self.archiveWriter = archiveWriter
        let remoteWrite = try RemoteWriteService(configuration.remoteWrite, store: archive.results, logger: logger)
        self.remoteWrite = remoteWrite
        let backfillProgress = BackfillProgress()
        self.backfillProgress = backfillProgress
        let board = ExpositionBoard(
            publisher: publisher, archive: archiveWriter, remoteWrite: remoteWrite,
            backfill: backfillProgress)
        let registry = try ObjectiveRegistry(
            declared: configuration.objectives, file: configurationFile, store: archive.objectives,
            defaultWindows: configuration.evaluation.windows, retention: configuration.archive.retention,
            logger: logger)
        self.registry = registry
        let budgets = try ErrorBudgetLedger.restored(
            from: archive.results, configuration: configuration, evaluator: analyses.objectives, logger: logger,
            now: now())
        self.budgets = budgets
        let runner = AnalysisRunner(
            configuration: analyses, board: board, logger: logger, objectives: { registry.specifications },
            budgets: budgets, scorecard: scorecard)
        self.runner = runner
        let trigger = EvaluationTrigger()
        self.trigger = trigger
        scheduler = EvaluationScheduler(
            configuration: EvaluationState.Configuration(configuration),
            interval: configuration.evaluation.interval.duration,
            staleAfter: configuration.evaluation.effectiveStaleAfter.milliseconds,
            client: try seriesSource(configuration),
            board: board, analyses: runner, trigger: trigger,
            extraSelectors: { registry.current.objectives.flatMap(\.objective.readSelectors) }, logger: logger,
            now: now)
        let evaluation = EvaluationState.Configuration(configuration)
        backfill = BackfillService(
            settings: BackfillService.Settings(
                range: configuration.backfill.range.milliseconds,
                interval: configuration.evaluation.interval.milliseconds,
                blockLength: max(evaluation.longestWindow, BackfillService.minimumBlockLength)),
            run: BackfillRun(
                evaluation: evaluation, analyses: configuration.backfill.analyses ? runner.configuration : nil,
                objectives: { registry.specifications }, source: try seriesSource(configuration), logger: logger),
            store: archive.results,
            selectors: {
                var selectors = evaluation.selectors.map(SeriesSelector.init)
                for selector in registry.current.objectives.flatMap(\.objective.readSelectors)
                where !selectors.contains(selector) {
                    selectors.append(selector)
                }
                return selectors
            },
            progress: backfillProgress, logger: logger, now: now, refresh: { board.update([:]) })
        remoteReadAPI = RemoteReadAPI(
            store: archive.results, sampleLimit: configuration.web.remoteReadSampleLimit,
            maxAnswerBytes: Int(clamping: configuration.web.remoteReadMaxBytes.bytes),
            concurrencyLimit: configuration.web.remoteReadConcurrentLimit,
            timeout: configuration.web.queryTimeout.duration, labels: configuration.archive.remoteReadLabels)
        objectivesAPI = ObjectivesAPI(
            registry: registry, adminToken: adminToken,
            statusProvider: EvaluatedObjectiveStatusProvider(runner: runner, budgets: budgets),
            evaluate: {
                trigger.fire()
                return .accepted
            })
    }

    /// The HTTP application running the evaluation loop beside the routes.
    /// - Parameters:
    ///   - server: where to listen.
    ///   - onServerRunning: called with the bound port once the server listens.
    /// - Returns: the application; `runService()` runs it until SIGTERM or SIGINT.
    public func application(
        server: ServerConfiguration, logger: Logger, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        buildApplication(
            server: server, publisher: publisher, services: [archiveWriter, remoteWrite, scheduler, backfill],
            objectives: objectivesAPI,
            status: { [self] in statusSnapshot(telemetryPath: server.telemetryPath) }, results: archive.results,
            queryTimeout: configuration.web.queryTimeout.duration, remoteRead: remoteReadAPI, logger: logger,
            onServerRunning: onServerRunning)
    }

    /// Closes the archive's SQLite file, once the application has stopped.
    /// - Throws: ``ArchiveError`` naming the file when it cannot be closed cleanly.
    public func closeArchive() throws {
        try archive.close()
    }
}

/// How the evaluation loop reads the source: its type's client, reading long ranges in pieces when
/// `max_range_per_request` says so.
func seriesSource(_ configuration: SibylConfiguration) throws -> any SeriesSource {
    let source = configuration.source
    let httpClient = try SourceHTTPClients.client(for: source.client.tls)
    let client: any SeriesSource
    switch source.kind {
    case .remoteRead:
        var read = RemoteReadClient.Configuration(
            url: source.url, timeout: source.timeout.duration, acceptedResponseTypes: [source.responseType],
            frameLimit: configuration.limits.maxFrameBytes, limits: configuration.limits.read)
        read.client = source.client
        client = RemoteReadClient(configuration: read, httpClient: httpClient)
    case .victoriaMetrics:
        var read = VictoriaMetricsExportClient.Configuration(
            url: source.url, timeout: source.timeout.duration, lineLimit: configuration.limits.maxFrameBytes,
            limits: configuration.limits.read)
        read.client = source.client
        client = VictoriaMetricsExportClient(configuration: read, httpClient: httpClient)
    }
    let maxRange = source.maxRangePerRequest.milliseconds
    return maxRange > 0 ? RangeSplittingSource(client, maxRange: maxRange) : client
}
