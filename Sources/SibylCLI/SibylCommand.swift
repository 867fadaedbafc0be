import ArgumentParser
import Sibyl

/// The `sibyl` command line.
@main
struct SibylCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sibyl",
        abstract: "Statistics, stationarity, seasonality and forecasts for Prometheus series, as Prometheus series.",
        version: SibylVersion.version,
        subcommands: [
            RunCommand.self, CheckConfigCommand.self, ReadCommand.self, AnalyzeCommand.self, QueryCommand.self,
            ObjectivesCommand.self, BackfillCommand.self, RulesCommand.self, BenchCommand.self,
        ]
    )
}
