import Foundation
import SibylWire
import Testing

/// Runs `promtool check metrics` (Debian package `prometheus`) on the writer's output.
enum Promtool {
    /// Where the Debian package installs promtool.
    static let path = "/usr/bin/promtool"

    /// Whether promtool is installed.
    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// Whether the tests run in CI, where a missing promtool is a failure rather than a skip.
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Pipes `input` to `promtool check metrics` and returns the exit status and what it printed.
    static func checkMetrics(_ input: [UInt8]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["check", "metrics"]
        let stdin = Pipe()
        let output = Pipe()
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = output
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: printed, as: UTF8.self))
    }
}

extension ExpositionWriterTests {
    @Test(
        "promtool check metrics accepts hostile labels, HELP escapes and special values",
        .enabled(if: Promtool.isInstalled || Promtool.isCI, "promtool is not installed (set CI=true to require it)")
    )
    func promtoolAcceptsOutput() throws {
        guard Promtool.isInstalled else {
            Issue.record("promtool is required in CI but missing at \(Promtool.path)")
            return
        }
        for families in [try ExpositionFixtures.hostileLabels(), try ExpositionFixtures.values()] {
            let bytes = try ExpositionWriter().render(families)
            let (status, output) = try Promtool.checkMetrics(bytes)
            #expect(status == 0, "promtool exited \(status): \(output)")
        }
    }

    @Test(
        "promtool check metrics rejects what the writer never produces",
        .enabled(if: Promtool.isInstalled)
    )
    func promtoolRejectsBadEscapes() throws {
        // A sanity check that the harness would notice a failure: `\"` is not an escape in HELP.
        let (status, _) = try Promtool.checkMetrics(Array("# HELP x a \\\"b\\\"\n# TYPE x gauge\nx 1\n".utf8))
        #expect(status == 1)
    }
}
