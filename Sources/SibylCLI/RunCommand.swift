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
        let configuration = try config.loadForCommand()
        let logger = logging.makeLogger()
        let token = try loadAdminToken(configuration, logger: logger)
        let service = try SibylService(
            configuration: configuration, configurationFile: config.configFile, adminToken: token, logger: logger)
        defer {
            do {
                try service.closeArchive()
                logger.info("stopped", metadata: ["archive.path": "\(service.archive.path)"])
            } catch {
                logger.warning("cannot close the archive", metadata: ["archive.error": "\(error)"])
            }
        }
        logger.info(
            "objectives loaded",
            metadata: [
                "objectives.count": "\(service.registry.current.objectives.count)",
                "archive.path": "\(service.archive.path)",
            ])
        let address = configuration.web.listenAddress
        var server = ServerConfiguration(
            host: address.bindHost, port: address.port, telemetryPath: configuration.web.telemetryPath,
            idleTimeout: configuration.web.idleTimeout.duration, maxConnections: configuration.web.maxConnections)
        if let file = config.webConfigFile {
            do {
                server.webSecurity = try WebSecurity(path: file, logger: logger)
            } catch {
                throw ValidationError("invalid web config file:\n\(error)")
            }
            let web = server.webSecurity?.file
            logger.info(
                "web config loaded",
                metadata: [
                    "web.config_file": "\(file)", "web.tls": "\(web?.tls != nil)",
                    "web.basic_auth_users": "\(web?.users.count ?? 0)",
                ])
        }
        let app = service.application(
            server: server,
            logger: logger,
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
        do {
            try await app.runService()
        } catch {
            throw ListenFailure(error, address: "\(address.bindHost):\(address.port)") ?? error
        }
    }

    /// The admin token of the mutating API calls: `web.admin_token_file`, else `SIBYL_ADMIN_TOKEN`, else none.
    /// - Throws: ``AdminTokenError`` when the token file is set but gives no token.
    func loadAdminToken(_ configuration: SibylConfiguration, logger: Logger) throws -> AdminToken? {
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
        return token?.token
    }
}
