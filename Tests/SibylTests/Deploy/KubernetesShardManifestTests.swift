import Foundation
import Sibyl
import SibylTestSupport
import Testing

/// `deploy/kubernetes/shards/`: three Sibyl shards in one StatefulSet, whose replica count, `--shard.count`, pod
/// names and configuration agree.
struct KubernetesShardManifestTests {
    static let folder = Fixtures.repository.appendingPathComponent("deploy/kubernetes/shards", isDirectory: true)

    static func object(_ kind: String, _ name: String) throws -> YAMLValue {
        try KubernetesManifestTests.object(kind, name, in: folder)
    }

    @Test("three replicas, --shard.count=3, the index from the pod name, one valid configuration")
    func threeShards() throws {
        let statefulSet = try Self.object("StatefulSet", "sibyl-shard")
        #expect(statefulSet["spec"]["replicas"].int == 3)
        let pod = statefulSet["spec"]["template"]["spec"]
        let sibyl = try #require(pod["containers"].array.first { $0["name"].string == "sibyl" })
        let arguments = sibyl["args"].strings
        #expect(ComposeFileTests.flag("shard.count", in: arguments) == "3")
        #expect(arguments.contains("--shard.index-from-hostname"))
        // The pods are named sibyl-shard-0…2, and each name gives its index.
        let name = try #require(statefulSet["metadata"]["name"].string)
        #expect((0..<3).map { ShardingConfiguration.ordinal(ofHostname: "\(name)-\($0)") } == [0, 1, 2])
        let path = try #require(ComposeFileTests.flag("config.file", in: arguments))
        let mount = try #require(
            sibyl["volumeMounts"].array.first { $0["mountPath"].string == (path as NSString).deletingLastPathComponent }
        )
        let volume = try #require(pod["volumes"].array.first { $0["name"].string == mount["name"].string })
        let configMap = try Self.object("ConfigMap", try #require(volume["configMap"]["name"].string))
        let key = (path as NSString).lastPathComponent
        let text = try #require(configMap["data"][key].string)
        let configuration = try SibylConfiguration(yaml: text, file: key)
        #expect(configuration.sharding.sourceLabels == ["__name__", "job", "instance"])
        #expect(configuration.source.url == "http://prometheus:9090/api/v1/read")
        let service = try Self.object("Service", try #require(statefulSet["spec"]["serviceName"].string))
        #expect(service["spec"]["clusterIP"].string == "None")
    }
}
