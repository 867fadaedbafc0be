import ArgumentParser
import Foundation
import Sibyl
import SibylTestSupport
import Testing
import Yams

@testable import SibylCLI

/// The command lines the deployment files run are valid `sibyl run` command lines, and the systemd unit is
/// hardened and keeps Sibyl's state (the archive) under its `StateDirectory`.
struct DeployCommandLineTests {
    static let deploy = Fixtures.repository.appendingPathComponent("deploy", isDirectory: true)

    /// The `[Service]` settings of the unit, in order (a key may repeat).
    static func serviceSettings() throws -> [(key: String, value: String)] {
        let text = try String(contentsOf: deploy.appendingPathComponent("systemd/sibyl.service"), encoding: .utf8)
        var section = ""
        var settings: [(String, String)] = []
        for line in text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("#") || line.isEmpty { continue }
            if line.hasPrefix("[") {
                section = line
                continue
            }
            guard section == "[Service]", let equals = line.firstIndex(of: "=") else { continue }
            settings.append((String(line[..<equals]), String(line[line.index(after: equals)...])))
        }
        return settings
    }

    static func setting(_ key: String) throws -> String? {
        try serviceSettings().last { $0.key == key }?.value
    }

    /// Parses `arguments` (after the program name) as the `sibyl` command line and returns its `run` command.
    static func run(_ arguments: [String]) throws -> RunCommand {
        let command = try SibylCommand.parseAsRoot(arguments)
        return try #require(command as? RunCommand, "\(arguments) is not sibyl run")
    }

    @Test("ExecStart is a valid sibyl run whose every flag is in sibyl run --help")
    func execStart() throws {
        let words = try #require(try Self.setting("ExecStart")).split(separator: " ").map(String.init)
        #expect(words.first == "/usr/local/bin/sibyl")
        let arguments = Array(words.dropFirst())
        let command = try Self.run(arguments)
        let help = RunCommand.helpMessage(columns: 200)
        for flag in arguments.filter({ $0.hasPrefix("--") }) {
            let name = String(flag.prefix { $0 != "=" })
            #expect(help.contains(name), "\(name) is not in sibyl run --help")
        }
        #expect(command.config.configFile == "/etc/sibyl/sibyl.yml")
        #expect(
            command.config.listenAddress.flatMap(ListenAddress.init(parsing:)) == SibylConfiguration().web.listenAddress
        )
    }

    @Test("a dedicated user, ProtectSystem=strict, NoNewPrivileges and the archive under StateDirectory")
    func hardening() throws {
        let user = try #require(try Self.setting("User"))
        #expect(!["root", "0", ""].contains(user))
        let sysusers = try String(
            contentsOf: Self.deploy.appendingPathComponent("systemd/sibyl.sysusers.conf"), encoding: .utf8)
        #expect(sysusers.split(separator: "\n").contains { $0.hasPrefix("u \(user) ") }, "sysusers creates \(user)")
        for (key, value) in [
            ("ProtectSystem", "strict"), ("NoNewPrivileges", "yes"), ("ProtectHome", "yes"), ("PrivateTmp", "yes"),
            ("PrivateDevices", "yes"), ("CapabilityBoundingSet", ""), ("RestrictSUIDSGID", "yes"),
        ] {
            #expect(try Self.setting(key) == value, "\(key)")
        }
        let state = try #require(try Self.setting("StateDirectory"))
        #expect(state == "sibyl")
        let workingDirectory = try #require(try Self.setting("WorkingDirectory"))
        #expect(workingDirectory == "/var/lib/\(state)")
        // The shipped sibyl.yml names a relative archive path: it lands in the state directory.
        let configuration = try SibylConfiguration.load(
            contentsOf: Fixtures.repository.appendingPathComponent("sibyl.yml").path)
        let archive = URL(
            fileURLWithPath: configuration.archive.path, relativeTo: URL(fileURLWithPath: workingDirectory + "/"))
        #expect(archive.standardizedFileURL.path.hasPrefix("/var/lib/\(state)/"), "\(archive.path)")
    }

    @Test("the image's CMD, the compose service's command and the Kubernetes container's args are sibyl run lines")
    func containerCommands() throws {
        let dockerfile = try String(contentsOf: Self.deploy.appendingPathComponent("Dockerfile"), encoding: .utf8)
        let cmd = try #require(dockerfile.split(separator: "\n").last { $0.hasPrefix("CMD ") })
        let image = try JSONDecoder().decode([String].self, from: Data(cmd.dropFirst(4).utf8))
        let compose = try Yams.load(
            yaml: String(contentsOf: Self.deploy.appendingPathComponent("docker-compose.yml"), encoding: .utf8))
        let services = (compose as? [String: Any])?["services"] as? [String: Any]
        let composeCommand = (services?["sibyl"] as? [String: Any])?["command"] as? [String] ?? []
        let manifest = try Yams.load(
            yaml: String(contentsOf: Self.deploy.appendingPathComponent("kubernetes/statefulset.yaml"), encoding: .utf8)
        )
        let pod = ((manifest as? [String: Any])?["spec"] as? [String: Any])?["template"] as? [String: Any]
        let containers = (pod?["spec"] as? [String: Any])?["containers"] as? [[String: Any]] ?? []
        let kubernetesArgs = containers.first { $0["name"] as? String == "sibyl" }?["args"] as? [String] ?? []
        for arguments in [image, composeCommand, kubernetesArgs] {
            #expect(!arguments.isEmpty)
            let command = try Self.run(arguments)
            #expect(command.config.configFile.hasPrefix("/etc/sibyl/"))
        }
    }

    @Test("scripts/run.sh runs Sibyl on loopback, and a --web.listen-address the user adds after it wins")
    func runScript() throws {
        let script = try String(
            contentsOf: Fixtures.repository.appendingPathComponent("scripts/run.sh"), encoding: .utf8)
        let line = try #require(script.split(separator: "\n").last { $0.hasPrefix("\"$sibyl\" run ") })
        let arguments = line.split(separator: " ").dropFirst().map(String.init).filter { $0 != "\"$@\"" }
        let command = try Self.run(arguments)
        #expect(command.config.listenAddress == "127.0.0.1:9798")
        #expect(command.config.configFile == "sibyl.yml")
        let overridden = try Self.run(arguments + ["--web.listen-address=:9798"])
        #expect(overridden.config.listenAddress == ":9798")
        #expect(SibylConfiguration().web.listenAddress == ListenAddress(parsing: ":9798"), "sibyl run's default")
    }
}
