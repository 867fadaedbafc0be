import ArgumentParser
import Sibyl

/// `sibyl rules`: prints the multi-window multi-burn-rate alert rules of the configuration's budgeted objectives.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Print Prometheus alert rules for the objectives that have a target (multi-window burn rates).",
        discussion: """
            For each objective with a target: a page alert (1h and 5m windows at 14.4 times the sustainable burn \
            rate, 6h and 30m at 6) and a ticket alert (1d and 2h at 3, 3d and 6h at 1), the factors scaled to the \
            objective's period as the SRE workbook does. Check them with `promtool check rules`.
            """
    )

    @Option(name: .customLong("config.file"), help: "The configuration file.")
    var configFile = "sibyl.yml"

    @Option(
        name: .customLong("openslo.file"),
        help: "An OpenSLO v1 file whose kind: SLO documents add objectives (repeatable).")
    var openSLOFiles: [String] = []

    func run() throws {
        print(try text(), terminator: "")
    }

    /// The rules file.
    func text() throws -> String {
        let configuration: SibylConfiguration
        do {
            configuration = try SibylConfiguration.load(contentsOf: configFile, openSLOFiles: openSLOFiles)
        } catch {
            throw ValidationError("invalid configuration:\n\(error)")
        }
        return BurnRateAlertRules(objectives: BurnRateAlertRules.Objective.budgeted(configuration.objectives)).text
    }
}
