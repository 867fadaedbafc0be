import ArgumentParser
import Hummingbird
import Logging
import Sibyl
import SibylWire

/// `sibyl run`: the sidecar. Reads the configured series every interval and serves the results on `/metrics`.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run Sibyl: read the configured series, compute their statistics, serve them on /metrics."
    )

    @OptionGroup var config: ConfigOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let configuration: SibylConfiguration
        do {
            configuration = try config.load()
        } catch let errors as ConfigurationErrors {
            throw ValidationError("invalid configuration:\n\(errors)")
        }
        let logger = logging.makeLogger()
        let archive = try Archive(path: configuration.archive.path)
        defer {
            do {
                try archive.close()
            } catch {
                logger.warning("cannot close the archive", metadata: ["archive.error": "\(error)"])
            }
        }
        let objectives = try makeObjectivesAPI(configuration, archive: archive, logger: logger)
        let publisher = ExpositionPublisher()
        let board = ExpositionBoard(publisher: publisher)
        let analyses = AnalysisRunner(
            configuration: try AnalysisRunner.Configuration(configuration), board: board, logger: logger)
        let scheduler = EvaluationScheduler(
            configuration: EvaluationState.Configuration(configuration),
            interval: configuration.evaluation.interval.duration,
            client: RemoteReadClient(
                configuration: .init(
                    url: configuration.source.url, timeout: configuration.source.timeout.duration,
                    acceptedResponseTypes: [configuration.source.responseType])),
            board: board, analyses: analyses, logger: logger)
        let address = configuration.web.listenAddress
        let app = buildApplication(
            server: ServerConfiguration(
                host: address.bindHost, port: address.port, telemetryPath: configuration.web.telemetryPath),
            publisher: publisher, services: [scheduler], objectives: objectives, logger: logger,
            onServerRunning: { port in
                logger.info(
                    "listening",
                    metadata: [
                        "web.address": "\(address.bindHost):\(port)",
                        "web.telemetry_path": "\(configuration.web.telemetryPath)",
                        "source.url": "\(configuration.source.url)",
                        "archive.path": "\(configuration.archive.path)",
                    ])
            })
        try await app.runService()
    }

    /// The objectives' API: the registry over the file's objectives and the archive's, and the admin token.
    /// - Throws: ``ArchiveError`` when the archive cannot be read, ``AdminTokenError`` when the token file is set but
    ///   gives no token.
    func makeObjectivesAPI(
        _ configuration: SibylConfiguration, archive: Archive, logger: Logger
    ) throws -> ObjectivesAPI {
        let registry = try ObjectiveRegistry(
            declared: configuration.objectives, file: config.configFile, store: archive.objectives,
            defaultWindows: configuration.evaluation.windows, logger: logger)
        let token = try AdminToken.load(file: configuration.web.adminTokenFile)
        switch token?.source {
        case .file(let path):
            logger.info("admin API enabled", metadata: ["web.admin_token_file": "\(path)"])
        case .environment:
            logger.info("admin API enabled", metadata: ["web.admin_token": "\(AdminToken.environmentVariable)"])
        case nil:
            logger.notice(
                "admin API disabled: no admin token (set web.admin_token_file or \(AdminToken.environmentVariable))")
        }
        logger.info(
            "objectives loaded",
            metadata: ["objectives.count": "\(registry.current.objectives.count)", "archive.path": "\(archive.path)"])
        return ObjectivesAPI(registry: registry, adminToken: token?.token)
    }
}
