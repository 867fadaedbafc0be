import Sibyl
import SibylWire
import Testing

struct ArchiveConfigurationTests {
    static let head = "source:\n  url: http://p:9090/api/v1/read\nselectors: [up]\n"

    @Test("retention and max_size decode; the defaults are 30 days and no cap")
    func decodes() throws {
        let configuration = try SibylConfiguration(
            yaml: Self.head + "archive:\n  path: a.db\n  retention: 90d\n  max_size: 512MiB\n", file: "t.yml")
        #expect(
            configuration.archive
                == ArchiveConfiguration(
                    path: "a.db", retention: try PrometheusDuration(parsing: "90d"),
                    maxSize: ByteSize(bytes: 512 << 20)))
        let separated = try SibylConfiguration(yaml: Self.head + "archive:\n  max_size: 1_000_000\n", file: "t.yml")
        #expect(separated.archive.maxSize == ByteSize(bytes: 1_000_000))
        let bytes = try SibylConfiguration(yaml: Self.head + "archive:\n  max_size: 1000000\n", file: "t.yml")
        #expect(bytes.archive.maxSize == ByteSize(bytes: 1_000_000))
        let defaults = try SibylConfiguration(yaml: Self.head, file: "t.yml")
        #expect(defaults.archive.retention == (try PrometheusDuration(parsing: "30d")))
        #expect(defaults.archive.maxSize == nil)
    }

    @Test("remote_read.labels decode sorted by name; without them remote read adds none")
    func remoteReadLabels() throws {
        let configuration = try SibylConfiguration(
            yaml: Self.head + "archive:\n  remote_read:\n    labels: {job: sibyl, instance: \"127.0.0.1:9798\"}\n",
            file: "t.yml")
        #expect(
            configuration.archive.remoteReadLabels.labels == [
                Label("instance", "127.0.0.1:9798"), Label("job", "sibyl"),
            ])
        let block = try SibylConfiguration(
            yaml: Self.head + "archive:\n  remote_read:\n    labels:\n      region: eu_1\n", file: "t.yml")
        #expect(block.archive.remoteReadLabels == DefaultLabels([Label("region", "eu_1")]))
        #expect(try SibylConfiguration(yaml: Self.head, file: "t.yml").archive.remoteReadLabels.isEmpty)
        let empty = try SibylConfiguration(yaml: Self.head + "archive:\n  remote_read:\n", file: "t.yml")
        #expect(empty.archive.remoteReadLabels.isEmpty)
    }

    static let mistakes: [ConfigurationMistake] = [
        .after(
            "the metric name as a default label", "archive:\n  remote_read:\n    labels: {__name__: x}\n",
            #"t.yml:6:14: archive.remote_read.labels.__name__: label names starting with "__" are reserved "#
                + #"("__name__" is the metric name)"#),
        .after(
            "an internal label", "archive:\n  remote_read:\n    labels: {job: a, __address__: x}\n",
            #"t.yml:6:22: archive.remote_read.labels.__address__: label names starting with "__" are reserved "#
                + #"("__name__" is the metric name)"#),
        .after(
            "a label name with a dash", "archive:\n  remote_read:\n    labels: {my-job: x}\n",
            #"t.yml:6:14: archive.remote_read.labels.my-job: not a valid label name "my-job" "#
                + "(expected [a-zA-Z_][a-zA-Z0-9_]*)"),
        .after(
            "a label name starting with a digit", "archive:\n  remote_read:\n    labels:\n      1job: x\n",
            #"t.yml:7:7: archive.remote_read.labels.1job: not a valid label name "1job" "#
                + "(expected [a-zA-Z_][a-zA-Z0-9_]*)"),
        .after(
            "an empty label value", "archive:\n  remote_read:\n    labels: {job: ''}\n",
            "t.yml:6:19: archive.remote_read.labels.job: a label value must not be empty"),
        .after(
            "no label value", "archive:\n  remote_read:\n    labels: {job: }\n",
            "t.yml:6:14: archive.remote_read.labels.job: expected a label value, got nothing"),
        .after(
            "a list for the labels", "archive:\n  remote_read:\n    labels: [job]\n",
            "t.yml:6:13: archive.remote_read.labels must be a mapping, got a list"),
        .after(
            "an unknown key beside the labels", "archive:\n  remote_read:\n    label: {job: x}\n",
            #"t.yml:6:5: unknown key "label" in section archive.remote_read (did you mean "labels"?)"#),
        .after(
            "zero retention", "archive:\n  retention: 0s\n",
            "t.yml:5:14: archive.retention: must be greater than zero, got 0s"),
        .after(
            "retention not a duration", "archive:\n  retention: forever\n",
            #"t.yml:5:14: archive.retention: not a valid duration "forever": expected a number at position 1"#),
        .after(
            "a size with a fraction", "archive:\n  max_size: 1.5GB\n",
            #"t.yml:5:13: archive.max_size: expected a size such as 512MiB, 2GB or a number of bytes "#
                + #"(greater than zero), got "1.5GB""#),
        .after(
            "a zero size", "archive:\n  max_size: 0\n",
            #"t.yml:5:13: archive.max_size: expected a size such as 512MiB, 2GB or a number of bytes "#
                + #"(greater than zero), got "0""#),
        .after(
            "a list for a size", "archive:\n  max_size: [1]\n",
            "t.yml:5:13: archive.max_size: expected a size such as 512MiB, 2GB or a number of bytes, got a list"),
    ]

    @Test("each archive mistake names its line and column", arguments: mistakes)
    func mistake(_ mistake: ConfigurationMistake) {
        #expect(ConfigurationDecoderTests.errors(mistake.yaml).joined(separator: "\n") == mistake.expected.joined())
    }
}
