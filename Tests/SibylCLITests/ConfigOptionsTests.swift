import ArgumentParser
import Foundation
import Sibyl
import Testing
import Yams

@testable import SibylCLI

/// The `--shard.*` flags of `ConfigOptions`.
struct ConfigOptionsTests {
    static let yaml = """
        source: {url: "http://127.0.0.1:9090/api/v1/read"}
        selectors: [up]
        sharding: {count: 3, index: 1}
        """

    @Test("--shard.count and --shard.index override the file; the index from a StatefulSet host name")
    func shardFlags() throws {
        try CheckConfigCommandTests.withTemporaryFile(Self.yaml) { path in
            let file = try ConfigOptions.parse(["--config.file", path]).load().sharding
            #expect(file.filter == ShardFilter(count: 3, index: 1))
            let flags = try ConfigOptions.parse(["--config.file", path, "--shard.count=4", "--shard.index=3"]).load()
            #expect(flags.sharding.filter == ShardFilter(count: 4, index: 3))
            var configuration = try SibylConfiguration.load(contentsOf: path)
            let fromHostname = try ConfigOptions.parse(["--config.file", path, "--shard.index-from-hostname"])
            try fromHostname.applyOverrides(to: &configuration, hostname: "sibyl-shard-2.sibyl-shard.default.svc")
            #expect(configuration.sharding.index == 2)
            #expect(throws: ValidationError.self) {
                try fromHostname.applyOverrides(to: &configuration, hostname: "sibyl")
            }
            // The file's count bounds a flag's index.
            #expect(throws: ValidationError.self) {
                try ConfigOptions.parse(["--config.file", path, "--shard.index=3"]).load()
            }
        }
    }

    @Test(
        "a bad shard flag is a usage error",
        arguments: [
            ["--shard.count=0"], ["--shard.index=-1"], ["--shard.count=2", "--shard.index=2"],
            ["--shard.index=1", "--shard.index-from-hostname"],
        ])
    func badShardFlag(arguments: [String]) {
        #expect(throws: (any Error).self) { try ConfigOptions.parse(arguments) }
    }

    @Test("the shard StatefulSet's command line is a valid sibyl run")
    func statefulSetCommandLine() throws {
        let url = DeployCommandLineTests.deploy.appendingPathComponent("kubernetes/shards/statefulset.yaml")
        let manifest = try Yams.load(yaml: String(contentsOf: url, encoding: .utf8))
        let pod = ((manifest as? [String: Any])?["spec"] as? [String: Any])?["template"] as? [String: Any]
        let containers = (pod?["spec"] as? [String: Any])?["containers"] as? [[String: Any]] ?? []
        let arguments = containers.first { $0["name"] as? String == "sibyl" }?["args"] as? [String] ?? []
        let command = try DeployCommandLineTests.run(arguments)
        #expect(command.config.shardCount == 3)
        #expect(command.config.shardIndexFromHostname)
    }
}
