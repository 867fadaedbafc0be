import ArgumentParser
import Logging

/// `--log.level` and `--log.format`, as node_exporter names them.
struct LoggingOptions: ParsableArguments {
    /// The log line format.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case logfmt
        case json
    }

    @Option(
        name: .customLong("log.level"), help: "Only log messages with this severity or above: debug, info, warn, error."
    )
    var level = "info"

    @Option(name: .customLong("log.format"), help: "Output format of log messages: logfmt or json.")
    var format: Format = .logfmt

    func validate() throws {
        guard Self.level(level) != nil else {
            throw ValidationError("--log.level: unknown level \"\(level)\" (use debug, info, warn or error)")
        }
    }

    /// The logger for the run, writing to standard error.
    func makeLogger() -> Logger {
        let format = self.format
        var logger = Logger(label: "sibyl") { label in StructuredLogHandler(label: label, format: format) }
        logger.logLevel = Self.level(level) ?? .info
        return logger
    }

    static func level(_ text: String) -> Logger.Level? {
        switch text.lowercased() {
        case "trace": .trace
        case "debug": .debug
        case "info": .info
        case "warn", "warning": .warning
        case "error": .error
        case "critical": .critical
        default: nil
        }
    }
}
