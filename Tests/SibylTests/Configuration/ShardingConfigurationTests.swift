import Sibyl
import SibylWire
import Testing

struct ShardingConfigurationTests {
    static let head = "source:\n  url: http://p:9090/api/v1/read\nselectors: [up]\n"

    @Test("sharding decodes; without it Sibyl is unsharded")
    func decodes() throws {
        let yaml =
            Self.head
            + "sharding:\n  count: 3\n  index: 2\n  source_labels: [job, instance]\n  refresh_interval: 5m\n"
        let sharding = try SibylConfiguration(yaml: yaml, file: "t.yml").sharding
        #expect(sharding.filter == ShardFilter(count: 3, index: 2, sourceLabels: ["job", "instance"]))
        #expect(sharding.refreshInterval.milliseconds == 300_000)
        let defaults = try SibylConfiguration(yaml: Self.head, file: "t.yml").sharding
        #expect(defaults.filter == nil)
        #expect(defaults.sourceLabels == ["__name__", "job", "instance"])
        let evaluation = EvaluationState.Configuration(try SibylConfiguration(yaml: yaml, file: "t.yml"))
        #expect(evaluation.shard?.index == 2)
        #expect(evaluation.shardRefresh == 300_000)
    }

    @Test("a StatefulSet pod's ordinal is the last dash-separated part of its host name")
    func ordinal() {
        #expect(ShardingConfiguration.ordinal(ofHostname: "sibyl-2") == 2)
        #expect(ShardingConfiguration.ordinal(ofHostname: "sibyl-shard-10.sibyl.monitoring.svc") == 10)
        #expect(ShardingConfiguration.ordinal(ofHostname: "sibyl") == nil)
        #expect(ShardingConfiguration.ordinal(ofHostname: "sibyl-") == nil)
        #expect(ShardingConfiguration.ordinal(ofHostname: "sibyl-2a") == nil)
    }

    static let mistakes: [ConfigurationMistake] = [
        .after(
            "zero shards", "sharding:\n  count: 0\n",
            "t.yml:5:10: sharding.count: must be between 1 and 2147483647, got 0"),
        .after(
            "an index beyond the count", "sharding:\n  count: 3\n  index: 3\n",
            "t.yml:6:10: sharding.index: must be less than sharding.count (3), got 3"),
        .after(
            "no source labels", "sharding:\n  source_labels: []\n",
            "t.yml:5:18: sharding.source_labels: name at least one label"),
        .after(
            "a zero refresh interval", "sharding:\n  refresh_interval: 0s\n",
            "t.yml:5:21: sharding.refresh_interval: must be greater than zero, got 0s"),
    ]

    @Test("each sharding mistake names its line and column", arguments: mistakes)
    func mistake(_ mistake: ConfigurationMistake) {
        #expect(ConfigurationDecoderTests.errors(mistake.yaml).joined(separator: "\n") == mistake.expected.joined())
    }
}
