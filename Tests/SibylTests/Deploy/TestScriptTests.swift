import Foundation
import Testing

/// `scripts/test.sh` runs every test batch whatever an earlier one did, names the failed steps and exits non-zero
/// when any failed; run in a ``ScriptSandbox`` whose fake `swift` fails on demand.
struct TestScriptTests {
    /// The four `swift test` batches, in the order the script runs them.
    static let batches = [
        "test --skip-build --filter ^SibylAnalysisTests\\.",
        "test --skip-build --skip ^SibylAnalysisTests\\.|DashboardQueryTests|ConnectionLimitsTests",
        "test --skip-build --filter DashboardQueryTests",
        "test --skip-build --filter ConnectionLimitsTests",
    ]

    @Test("the second batch fails: the third and fourth still run, the summary names it, the exit status is 1")
    func secondBatchFails() async throws {
        let sandbox = try ScriptSandbox("scripts/test.sh")
        defer { sandbox.remove() }
        try sandbox.failSwift(on: ["--skip ^SibylAnalysisTests"])
        let (status, output) = try await sandbox.run("scripts/test.sh")
        #expect(status == 1, "\(output)")
        #expect(sandbox.swiftCalls.filter { $0.hasPrefix("test ") } == Self.batches)
        #expect(output.contains("test: FAILED: rest\n"), "\(output)")
    }

    /// The release build, the last step.
    static let releaseBuild = "build -c release --product sibyl"

    @Test("every step passes: lint, build, the four batches, the release build, exit 0; the build says what it builds")
    func allPass() async throws {
        let sandbox = try ScriptSandbox("scripts/test.sh")
        defer { sandbox.remove() }
        let (status, output) = try await sandbox.run("scripts/test.sh")
        #expect(status == 0, "\(output)")
        let calls = sandbox.swiftCalls
        #expect(calls.first?.hasPrefix("format lint --strict") == true, "\(calls)")
        #expect(Array(calls.dropFirst()) == ["build --build-tests"] + Self.batches + [Self.releaseBuild])
        #expect(output.contains("test: building Sibyl and its tests (debug"), "\(output)")
        #expect(output.contains("test: every step passed"))
    }

    @Test("a lint failure and two failed batches are all reported, and every batch still runs")
    func lintAndBatchesFail() async throws {
        let sandbox = try ScriptSandbox("scripts/test.sh")
        defer { sandbox.remove() }
        try sandbox.failSwift(on: ["format lint", "--filter ^SibylAnalysisTests", "--filter ConnectionLimitsTests"])
        let (status, output) = try await sandbox.run("scripts/test.sh")
        #expect(status == 1)
        #expect(sandbox.swiftCalls.filter { $0.hasPrefix("test ") } == Self.batches)
        #expect(output.contains("test: FAILED: lint numerics ConnectionLimitsTests\n"), "\(output)")
    }

    @Test("a release build that fails after the tests passed is named in the summary and makes the exit status 1")
    func releaseBuildFails() async throws {
        let sandbox = try ScriptSandbox("scripts/test.sh")
        defer { sandbox.remove() }
        try sandbox.failSwift(on: ["build -c release"])
        let (status, output) = try await sandbox.run("scripts/test.sh")
        #expect(status == 1)
        #expect(sandbox.swiftCalls.filter { $0.hasPrefix("test ") } == Self.batches)
        #expect(output.contains("test: FAILED: release build\n"), "\(output)")
    }

    @Test("a failed build stops the script before any test runs")
    func buildFails() async throws {
        let sandbox = try ScriptSandbox("scripts/test.sh")
        defer { sandbox.remove() }
        try sandbox.failSwift(on: ["build --build-tests"])
        let (status, output) = try await sandbox.run("scripts/test.sh")
        #expect(status == 1)
        #expect(!sandbox.swiftCalls.contains { $0.hasPrefix("test ") }, "\(output)")
    }

    @Test("arguments make one swift test run, whose failure is the exit status")
    func arguments() async throws {
        let sandbox = try ScriptSandbox("scripts/test.sh")
        defer { sandbox.remove() }
        try sandbox.failSwift(on: ["--filter Mine"])
        let (status, _) = try await sandbox.run("scripts/test.sh", ["--filter", "Mine"])
        #expect(status == 1)
        #expect(sandbox.swiftCalls.filter { $0.hasPrefix("test ") } == ["test --skip-build --filter Mine"])
    }
}
