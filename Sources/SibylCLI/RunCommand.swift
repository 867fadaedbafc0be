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
            publisher: publisher, services: [scheduler], logger: logger,
            onServerRunning: { port in
                logger.info(
                    "listening",
                    metadata: [
                        "web.address": "\(address.bindHost):\(port)",
                        "web.telemetry_path": "\(configuration.web.telemetryPath)",
                        "source.url": "\(configuration.source.url)",
                    ])
            })
        try await app.runService()
    }
}
