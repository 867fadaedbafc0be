import ArgumentParser
import Foundation
import Sibyl

/// The configuration options of commands that run from the configuration file: the file and the flags that override
/// its `web` section (node_exporter's names).
struct ConfigOptions: ParsableArguments {
    @Option(name: .customLong("config.file"), help: "The configuration file.")
    var configFile = "sibyl.yml"

    @Option(
        name: .customLong("openslo.file"),
        help: "An OpenSLO v1 file whose kind: SLO documents add objectives (repeatable; documents separated by ---).")
    var openSLOFiles: [String] = []

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

    @Option(
        name: .customLong("shard.count"), help: "How many shards split the source series (overrides sharding.count).")
    var shardCount: Int?

    @Option(name: .customLong("shard.index"), help: "This shard's index, 0 to count-1 (overrides sharding.index).")
    var shardIndex: Int?

    @Flag(
        name: .customLong("shard.index-from-hostname"),
        help: "Take the shard index from the host name's StatefulSet ordinal (sibyl-2: 2).")
    var shardIndexFromHostname = false

    /// Checks the override flags before anything runs.
    func validate() throws {
        var configuration = SibylConfiguration()
        // The file's sharding.count is not known yet, nor the host running it: `load()` checks the index.
        configuration.sharding.count = Int(Int32.max)
        try applyOverrides(to: &configuration, hostname: "sibyl-0")
    }

    /// Loads the configuration file and the OpenSLO files, and applies the override flags.
    /// - Returns: the configuration.
    /// - Throws: ``ConfigurationErrors`` for the file's mistakes, `ValidationError` for a bad flag.
    func load() throws -> SibylConfiguration {
        var configuration = try SibylConfiguration.load(contentsOf: configFile, openSLOFiles: openSLOFiles)
        try applyOverrides(to: &configuration, hostname: ProcessInfo.processInfo.hostName)
        return configuration
    }

    /// ``load()`` for a command that runs from the file: the file's mistakes become one usage error listing them.
    /// - Returns: the configuration.
    /// - Throws: `ValidationError` for the file's mistakes or a bad flag.
    func loadForCommand() throws -> SibylConfiguration {
        do {
            return try load()
        } catch let errors as ConfigurationErrors {
            throw ValidationError("invalid configuration:\n\(errors)")
        }
    }

    /// Applies the flags that were given over the file's values (a flag overrides the file).
    /// - Parameters:
    ///   - configuration: the configuration to change.
    ///   - hostname: the host name `--shard.index-from-hostname` reads the index from.
    /// - Throws: `ValidationError` naming the flag when a value is invalid.
    func applyOverrides(to configuration: inout SibylConfiguration, hostname: String) throws(ValidationError) {
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
        try applyShardOverrides(to: &configuration.sharding, hostname: hostname)
    }

    /// Applies the `--shard.*` flags, then checks that the index is below the count.
    private func applyShardOverrides(
        to sharding: inout ShardingConfiguration, hostname: String
    ) throws(ValidationError) {
        if let shardCount {
            guard shardCount >= 1 else { throw ValidationError("--shard.count: must be at least 1, got \(shardCount)") }
            sharding.count = shardCount
        }
        if shardIndexFromHostname {
            guard shardIndex == nil else {
                throw ValidationError("--shard.index and --shard.index-from-hostname: give one of them")
            }
            guard let ordinal = ShardingConfiguration.ordinal(ofHostname: hostname) else {
                throw ValidationError(
                    "--shard.index-from-hostname: the host name \"\(hostname)\" does not end in -<ordinal>")
            }
            sharding.index = ordinal
        }
        if let shardIndex { sharding.index = shardIndex }
        guard sharding.index >= 0, sharding.index < sharding.count else {
            throw ValidationError(
                "--shard.index: must be from 0 to sharding.count - 1 (\(sharding.count - 1)), got \(sharding.index)")
        }
    }
}
