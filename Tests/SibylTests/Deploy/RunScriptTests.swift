import Foundation
import SibylTestSupport
import Testing

/// `scripts/run.sh` gives Sibyl an admin token from the first run, keeps it, says how to use it, and runs Sibyl on
/// loopback; run in a ``ScriptSandbox`` where every server looks up and `sibyl` records how it was started.
struct RunScriptTests {
    @Test("without SIBYL_ADMIN_TOKEN: a random token in .run/admin-token, mode 600, passed to Sibyl, kept across runs")
    func createsAndKeepsToken() async throws {
        let sandbox = try ScriptSandbox("scripts/run.sh")
        defer { sandbox.remove() }
        let (status, output) = try await sandbox.run("scripts/run.sh")
        #expect(status == 0, "\(output)")
        let token = try #require(sandbox.text(".run/admin-token"), "\(output)")
        let trimmed = token.trimmingCharacters(in: .newlines)
        #expect(trimmed.count == 64 && trimmed.allSatisfy(\.isHexDigit), "\(token)")
        let attributes = try FileManager.default.attributesOfItem(
            atPath: sandbox.directory.file(".run/admin-token").path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(sandbox.text("sibyl.token") == trimmed)
        #expect(output.contains("--token-file .run/admin-token"), "\(output)")
        #expect(output.contains("Authorization: Bearer $(cat .run/admin-token)"), "\(output)")

        let (again, _) = try await sandbox.run("scripts/run.sh")
        #expect(again == 0)
        #expect(sandbox.text(".run/admin-token") == token)
        #expect(sandbox.text("sibyl.token") == trimmed)

        let other = try ScriptSandbox("scripts/run.sh")
        defer { other.remove() }
        _ = try await other.run("scripts/run.sh")
        #expect(other.text(".run/admin-token") != token, "each clone gets its own token")
    }

    @Test("an exported SIBYL_ADMIN_TOKEN is passed on and no token file is written")
    func exportedToken() async throws {
        let sandbox = try ScriptSandbox("scripts/run.sh")
        defer { sandbox.remove() }
        let (status, output) = try await sandbox.run("scripts/run.sh", environment: ["SIBYL_ADMIN_TOKEN": "mine"])
        #expect(status == 0, "\(output)")
        #expect(sandbox.text("sibyl.token") == "mine")
        #expect(sandbox.text(".run/admin-token") == nil)
    }

    @Test("Sibyl listens on loopback; the user's arguments come last, so they override")
    func loopbackThenUserArguments() async throws {
        let sandbox = try ScriptSandbox("scripts/run.sh")
        defer { sandbox.remove() }
        let (status, output) = try await sandbox.run("scripts/run.sh", ["--log.level=debug"])
        #expect(status == 0, "\(output)")
        #expect(
            sandbox.text("sibyl.args") == "run\n--config.file=sibyl.yml\n--web.listen-address=127.0.0.1:9798\n"
                + "--log.level=debug\n")
        // test.sh's very build command, so that either script reuses the other's build.
        #expect(sandbox.swiftCalls == ["build --build-tests"])
        #expect(output.contains("run: building Sibyl and its tests (debug"), "\(output)")
    }
}
