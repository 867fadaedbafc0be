import ArgumentParser
import Foundation
import Logging
import Sibyl

/// `sibyl check-config`: checks a configuration file and reports every mistake with its file, line and column.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Check a configuration file.",
        discussion: """
            Prints "FILE: ok" and exits 0 when the file (and each --openslo.file) is valid; otherwise prints one \
            line per mistake on standard error, as FILE:LINE:COLUMN: MESSAGE, and exits 1.
            """
    )

    @Option(name: .customLong("config.file"), help: "The configuration file to check.")
    var configFile = "sibyl.yml"

    @Option(
        name: .customLong("openslo.file"),
        help: "An OpenSLO v1 file to check with it, its kind: SLO documents as objectives (repeatable).")
    var openSLOFiles: [String] = []

    @Option(name: .customLong("web.config.file"), help: "A web config file to check as well (TLS, basic auth).")
    var webConfigFile: String?

    /// What a check prints and how it exits.
    struct Outcome: Equatable {
        /// The process exit code: 0 for a valid file, 1 otherwise.
        var exitCode: Int32
        /// The text for standard output (the success line).
        var output: String
        /// The text for standard error (one line per mistake).
        var errorOutput: String
    }

    func run() throws {
        let outcome = check()
        if !outcome.output.isEmpty {
            print(outcome.output, terminator: "")
        }
        if !outcome.errorOutput.isEmpty {
            FileHandle.standardError.write(Data(outcome.errorOutput.utf8))
        }
        if outcome.exitCode != 0 {
            throw ExitCode(outcome.exitCode)
        }
    }

    /// Loads the file and renders the outcome, without printing.
    /// - Returns: the exit code and the text for each stream.
    func check() -> Outcome {
        do {
            let configuration = try SibylConfiguration.load(contentsOf: configFile, openSLOFiles: openSLOFiles)
            let windows = configuration.evaluation.windows.map(\.description).joined(separator: ", ")
            let selectors =
                configuration.selectors.count == 1 ? "1 selector" : "\(configuration.selectors.count) selectors"
            let objectives =
                configuration.objectives.count == 1 ? "1 objective" : "\(configuration.objectives.count) objectives"
            let summary = "\(selectors); \(objectives); windows \(windows); source \(configuration.source.url)"
            var output = "\(configFile): ok (\(summary))\n"
            for file in openSLOFiles {
                let count = configuration.objectives.count(where: { $0.file == file })
                output += "\(file): ok (\(count == 1 ? "1 objective" : "\(count) objectives"))\n"
            }
            if let webConfigFile {
                let web = try WebSecurity(path: webConfigFile, logger: Logger(label: "sibyl-check-config"))
                let file = web.file
                let tls = file.tls.map { "TLS, client certificates \($0.clientAuth.rawValue)" } ?? "no TLS"
                output += "\(webConfigFile): ok (\(tls); \(file.users.count) basic-auth users)\n"
            }
            return Outcome(exitCode: 0, output: output, errorOutput: "")
        } catch {
            let lines = error.errors.map { "\($0)\n" }.joined()
            return Outcome(exitCode: 1, output: "", errorOutput: lines)
        }
    }
}
