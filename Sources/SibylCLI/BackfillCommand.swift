import ArgumentParser
import Foundation
import Logging
import Sibyl
import SibylWire

/// `sibyl backfill`: computes the derived series of a past time range from the source's raw history and writes them
/// as OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`, so Prometheus holds that history too.
struct BackfillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backfill",
        abstract: "Compute past cycles from the source's history and write them as OpenMetrics text for promtool.",
        discussion: """
            Computes every cycle on the evaluation-interval grid from --from to --to as `sibyl run` would have \
            computed it then, and writes the results with their timestamps. Import them into Prometheus with
              promtool tsdb create-blocks-from openmetrics FILE DATA_DIR
            """
    )

    @OptionGroup var config: ConfigOptions
    @OptionGroup var logging: LoggingOptions

    @Option(help: "The first cycle's time: Unix seconds or RFC 3339.")
    var from: String

    @Option(help: "The last cycle's time: Unix seconds or RFC 3339 (default: now).")
    var to: String?

    @Option(help: "The OpenMetrics file to write.")
    var output: String

    @Flag(
        inversion: .prefixedNo,
        help: "Also compute the metadata, forecasts and objectives at their cadences (default: backfill.analyses).")
    var analyses: Bool?

    func run() async throws {
        let first = try TimeArgument.milliseconds(parsing: from)
        let last = try to.map(TimeArgument.milliseconds(parsing:)) ?? Int64(Date().timeIntervalSince1970 * 1000)
        guard first <= last else { throw ValidationError("--from (\(from)) is after --to (\(to ?? "now"))") }
        let configuration = try config.loadForCommand()
        let logger = logging.makeLogger()
        let backfill = try BackfillFileWriter(
            configuration: configuration, configurationFile: config.configFile,
            analyses: analyses ?? configuration.backfill.analyses, logger: logger)
        let written = try await backfill.write(first...last, to: output) { done, total in
            if done == total || done % 60 == 0 {
                logger.info("backfill progress", metadata: ["backfill.done": "\(done)", "backfill.total": "\(total)"])
            }
        }
        print(
            "wrote \(written.samples) samples of \(written.cycles) cycles to \(output); import them with\n"
                + "  promtool tsdb create-blocks-from openmetrics \(output) DATA_DIR")
    }
}
