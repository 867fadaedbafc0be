import ArgumentParser
import Sibyl

/// The configuration options of commands that run from the configuration file: the file and the flags that override
/// its `web` section (node_exporter's names).
struct ConfigOptions: ParsableArguments {
    @Option(name: .customLong("config.file"), help: "The configuration file.")
    var configFile = "sibyl.yml"

    @Option(
        name: .customLong("web.listen-address"),
        help: "Address to listen on, e.g. :9798 or 127.0.0.1:9798 (overrides web.listen_address).")
    var listenAddress: String?

    @Option(
        name: .customLong("web.telemetry-path"),
        help: "Path under which to expose metrics, e.g. /metrics (overrides web.telemetry_path).")
    var telemetryPath: String?

    @Option(
        name: .customLong("web.config.file"),
        help: "The exporter toolkit's web config file: TLS, basic-auth users (bcrypt), response headers.")
    var webConfigFile: String?

    /// Checks the override flags before anything runs.
    func validate() throws {
        var configuration = SibylConfiguration()
        try applyOverrides(to: &configuration)
    }

    /// Loads the configuration file and applies the override flags to it.
    /// - Returns: the configuration.
    /// - Throws: ``ConfigurationErrors`` for the file's mistakes, `ValidationError` for a bad flag.
    func load() throws -> SibylConfiguration {
        var configuration = try SibylConfiguration.load(contentsOf: configFile)
        try applyOverrides(to: &configuration)
        return configuration
    }

    /// Applies the flags that were given over the file's values (a flag overrides the file).
    /// - Parameter configuration: the configuration to change.
    /// - Throws: `ValidationError` naming the flag when a value is invalid.
    func applyOverrides(to configuration: inout SibylConfiguration) throws(ValidationError) {
        if let listenAddress {
            guard let address = ListenAddress(parsing: listenAddress) else {
                throw ValidationError(
                    "--web.listen-address: not a listen address: \"\(listenAddress)\" "
                        + "(use host:port, :port or [ipv6]:port, e.g. \":9798\")")
            }
            configuration.web.listenAddress = address
        }
        if let telemetryPath {
            guard WebConfiguration.isValidTelemetryPath(telemetryPath) else {
                throw ValidationError(
                    "--web.telemetry-path: must start with \"/\" and hold no space, \"?\" or \"#\", "
                        + "got \"\(telemetryPath)\"")
            }
            configuration.web.telemetryPath = telemetryPath
        }
    }
}
