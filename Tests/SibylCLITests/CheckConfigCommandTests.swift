import ArgumentParser
import Foundation
import Sibyl
import Testing

@testable import SibylCLI

struct CheckConfigCommandTests {
    /// The repository's top level: two folders above this file's folder (Tests/SibylCLITests).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func withTemporaryFile(_ contents: String, _ body: (String) throws -> Void) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sibyl-check-\(UUID().uuidString).yml")
        try Data(contents.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        try body(url.path)
    }

    @Test("the shipped sibyl.yml checks out: exit 0 and one line on standard output")
    func shippedExample() throws {
        let path = Self.repositoryRoot.appendingPathComponent("sibyl.yml").path
        let outcome = try CheckConfigCommand.parse(["--config.file=\(path)"]).check()
        #expect(outcome.exitCode == 0)
        #expect(
            outcome.output
                == "\(path): ok (4 selectors; 5 objectives; windows 1h, 3h, 12h; "
                + "source http://127.0.0.1:9090/api/v1/read)\n")
        #expect(outcome.errorOutput.isEmpty)
        try CheckConfigCommand.parse(["--config.file", path]).run()
    }

    @Test("a file with mistakes: exit 1 and one line per mistake on standard error, naming file, line and column")
    func mistakes() throws {
        let yaml = """
            source:
              url: http://127.0.0.1:9090/api/v1/read
            evaluation:
              interval: 0s
              windoes: [1h]
            selectors: []
            """
        try Self.withTemporaryFile(yaml) { path in
            let command = try CheckConfigCommand.parse(["--config.file", path])
            let outcome = command.check()
            #expect(outcome.exitCode == 1)
            #expect(outcome.output.isEmpty)
            #expect(
                outcome.errorOutput == """
                    \(path):4:13: evaluation.interval: must be greater than zero, got 0s
                    \(path):5:3: unknown key "windoes" in section evaluation (did you mean "windows"?)
                    \(path):6:12: selectors: at least one selector is required

                    """)
            #expect(throws: ExitCode(1)) { try command.run() }
        }
    }

    @Test("a missing file: exit 1 and a clear error")
    func missingFile() throws {
        let outcome = try CheckConfigCommand.parse(["--config.file", "/nonexistent/sibyl.yml"]).check()
        #expect(outcome == .init(exitCode: 1, output: "", errorOutput: "/nonexistent/sibyl.yml: no such file\n"))
    }

    @Test("the file defaults to sibyl.yml")
    func defaultFile() throws {
        #expect(try CheckConfigCommand.parse([]).configFile == "sibyl.yml")
        #expect(try ConfigOptions.parse([]).configFile == "sibyl.yml")
    }

    @Test("ConfigOptions: a flag overrides the file, an absent flag keeps it")
    func overrides() throws {
        let yaml = """
            source: {url: "http://127.0.0.1:9090/api/v1/read"}
            selectors: [up]
            web: {listen_address: "127.0.0.1:9000", telemetry_path: /file}
            """
        try Self.withTemporaryFile(yaml) { path in
            let fileOnly = try ConfigOptions.parse(["--config.file", path]).load()
            #expect(
                fileOnly.web
                    == WebConfiguration(
                        listenAddress: ListenAddress(host: "127.0.0.1", port: 9000), telemetryPath: "/file"))
            let overridden = try ConfigOptions.parse([
                "--config.file", path, "--web.listen-address", "[::1]:0", "--web.telemetry-path=/flag",
            ]).load()
            #expect(
                overridden.web
                    == WebConfiguration(listenAddress: ListenAddress(host: "::1", port: 0), telemetryPath: "/flag"))
            #expect(overridden.selectors == fileOnly.selectors)
        }
    }

    @Test(
        "ConfigOptions: a bad flag is a usage error",
        arguments: [
            ["--web.listen-address", "9798"], ["--web.telemetry-path", "metrics"],
        ])
    func badFlag(arguments: [String]) {
        #expect(throws: (any Error).self) { try ConfigOptions.parse(arguments) }
    }

    @Test("ConfigOptions: the file's mistakes are thrown as ConfigurationErrors")
    func fileMistakes() throws {
        try Self.withTemporaryFile("selectors: [up]\n") { path in
            #expect(throws: ConfigurationErrors.self) { try ConfigOptions.parse(["--config.file", path]).load() }
        }
    }
}
