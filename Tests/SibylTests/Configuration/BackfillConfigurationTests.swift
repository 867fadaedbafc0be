import Sibyl
import Testing

struct BackfillConfigurationTests {
    static let head = "source:\n  url: http://p:9090/api/v1/read\nselectors: [up]\n"

    @Test("backfill decodes; without it there is none")
    func decodes() throws {
        let backfill = try SibylConfiguration(
            yaml: Self.head + "backfill:\n  range: 6h\n  analyses: true\n", file: "t.yml"
        ).backfill
        #expect(backfill.range.milliseconds == 6 * 3_600_000)
        #expect(backfill.analyses)
        #expect(backfill.isEnabled)
        let defaults = try SibylConfiguration(yaml: Self.head, file: "t.yml").backfill
        #expect(defaults.range.milliseconds == 0)
        #expect(!defaults.analyses)
        #expect(!defaults.isEnabled)
    }

    @Test("a backfill as long as the archive's retention is allowed")
    func rangeOfRetention() throws {
        let yaml = Self.head + "archive:\n  retention: 2d\nbackfill:\n  range: 2d\n"
        #expect(try SibylConfiguration(yaml: yaml, file: "t.yml").backfill.range.milliseconds == 2 * 86_400_000)
    }

    static let mistakes: [ConfigurationMistake] = [
        .after(
            "a range beyond the archive's retention", "archive:\n  retention: 1d\nbackfill:\n  range: 2d\n",
            "t.yml:7:10: backfill.range: 2d is longer than archive.retention (1d): the archive would delete the "
                + "backfilled cycles as it writes them"),
        .after(
            "a range that is not a duration", "backfill:\n  range: six hours\n",
            "t.yml:5:10: backfill.range: not a valid duration \"six hours\": "),
        .after(
            "analyses that are not a boolean", "backfill:\n  analyses: yes please\n",
            "t.yml:5:13: backfill.analyses: "),
    ]

    @Test("each backfill mistake names its line and column", arguments: mistakes)
    func mistake(_ mistake: ConfigurationMistake) {
        let errors = ConfigurationDecoderTests.errors(mistake.yaml).joined(separator: "\n")
        #expect(errors.hasPrefix(mistake.expected.joined()), "\(errors)")
        #expect(ConfigurationDecoderTests.errors(mistake.yaml).count == 1)
    }
}
