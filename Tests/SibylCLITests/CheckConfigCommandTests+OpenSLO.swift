import ArgumentParser
import Foundation
import Sibyl
import SibylTestSupport
import Testing

@testable import SibylCLI

/// `sibyl check-config --openslo.file`: OpenSLO files checked with the configuration file.
extension CheckConfigCommandTests {
    static let openSLOConfiguration = """
        source: {url: http://127.0.0.1:9090/api/v1/read}
        selectors: [up]
        objectives:
          - {name: load, selector: node_load1, max: 4}

        """

    static let openSLOFile = """
        apiVersion: openslo/v1
        kind: Service
        metadata: {name: shop}
        spec: {description: The shop}
        ---
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: checkout}
        spec:
          service: shop
          indicator:
            metadata: {name: checkout-errors}
            spec:
              ratioMetric:
                counter: true
                bad: {metricSource: {type: Prometheus, spec: {query: 'http_requests_total{code=~"5.."}'}}}
                total: {metricSource: {type: Prometheus, spec: {query: http_requests_total}}}
          timeWindow: [{duration: 28d, isRolling: true}]
          budgetingMethod: Occurrences
          objectives: [{displayName: page, target: 0.999}, {displayName: ticket, target: 0.99}]

        """

    /// The same file with a Datadog query for the total (its type at line 17, column 38).
    static let badOpenSLOFile = openSLOFile.replacingOccurrences(
        of: "{type: Prometheus, spec: {query: http_requests_total}}",
        with: "{type: Datadog, spec: {query: 'sum:requests{*}'}}")

    /// Writes the configuration and `openSLO` to a fresh directory and runs `body` with their paths.
    static func withOpenSLOFiles(_ openSLO: String, _ body: (_ config: String, _ openSLO: String) throws -> Void) throws
    {
        let directory = try TemporaryDirectory(prefix: "sibyl-check-openslo")
        defer { directory.remove() }
        let config = directory.file("sibyl.yml")
        let slo = directory.file("slo.yaml")
        try Data(openSLOConfiguration.utf8).write(to: config)
        try Data(openSLO.utf8).write(to: slo)
        try body(config.path, slo.path)
    }

    @Test("--openslo.file: a good file adds its objectives, a bad one is reported at its line and column")
    func openSLOFile() throws {
        try Self.withOpenSLOFiles(Self.openSLOFile) { config, slo in
            let outcome = try CheckConfigCommand.parse(["--config.file", config, "--openslo.file", slo]).check()
            #expect(
                outcome.output == """
                    \(config): ok (1 selector; 3 objectives; windows 1h, 3h, 12h; source http://127.0.0.1:9090/api/v1/read)
                    \(slo): ok (2 objectives)

                    """)
            #expect(outcome.exitCode == 0)
        }
        try Self.withOpenSLOFiles(Self.badOpenSLOFile) { config, slo in
            let outcome = try CheckConfigCommand.parse(["--config.file", config, "--openslo.file", slo]).check()
            #expect(outcome.exitCode == 1)
            #expect(
                outcome.errorOutput
                    == "\(slo):17:38: spec.indicator.spec.ratioMetric.total.metricSource.type: Sibyl reads Prometheus "
                    + "series only (from its source), got \"Datadog\"\n")
        }
    }

    @Test("the sibyl binary: check-config --openslo.file exits 0 for a good file, 1 naming the position for a bad one")
    func openSLOFileBinary() throws {
        let binary = RunCommandShutdownTests.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "no sibyl binary at \(binary)")
        try Self.withOpenSLOFiles(Self.openSLOFile) { config, slo in
            let good = try ProcessOutput.run(
                binary, ["check-config", "--config.file", config, "--openslo.file", slo])
            #expect(good.status == 0)
            #expect(good.output.hasSuffix("\(slo): ok (2 objectives)\n"))
        }
        try Self.withOpenSLOFiles(Self.badOpenSLOFile) { config, slo in
            let bad = try ProcessOutput.run(binary, ["check-config", "--config.file", config, "--openslo.file", slo])
            #expect(bad.status == 1)
            #expect(bad.output.hasPrefix("\(slo):17:38: spec.indicator.spec.ratioMetric.total.metricSource.type: "))
        }
    }

    @Test("--openslo.file is repeatable and shared by run, backfill and rules")
    func openSLOFlag() throws {
        let options = try ConfigOptions.parse(["--openslo.file", "a.yaml", "--openslo.file=b.yaml"])
        #expect(options.openSLOFiles == ["a.yaml", "b.yaml"])
        #expect(try RulesCommand.parse(["--openslo.file", "a.yaml"]).openSLOFiles == ["a.yaml"])
        try Self.withOpenSLOFiles(Self.openSLOFile) { config, slo in
            let loaded = try ConfigOptions.parse(["--config.file", config, "--openslo.file", slo]).load()
            #expect(loaded.objectives.map(\.objective.name) == ["load", "checkout-page", "checkout-ticket"])
            #expect(loaded.objectives.map(\.file) == [nil, slo, slo])
        }
    }
}
