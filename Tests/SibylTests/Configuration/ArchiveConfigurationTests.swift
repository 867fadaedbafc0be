import Sibyl
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

    static let mistakes: [ConfigurationMistake] = [
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
