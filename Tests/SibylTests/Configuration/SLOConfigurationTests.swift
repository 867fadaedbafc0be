import Sibyl
import Testing

struct SLOConfigurationTests {
    static let head = "source:\n  url: http://p:9090/api/v1/read\nselectors: [up]\n"

    @Test("slo decodes; without it Sloth's series are off and the service is sibyl")
    func decodes() throws {
        let slo = try SibylConfiguration(
            yaml: Self.head + "slo:\n  sloth_compatible: true\n  sloth_service: checkout\n", file: "t.yml"
        ).slo
        #expect(slo.slothCompatible)
        #expect(slo.slothService == "checkout")
        let defaults = try SibylConfiguration(yaml: Self.head, file: "t.yml").slo
        #expect(!defaults.slothCompatible)
        #expect(defaults.slothService == "sibyl")
        #expect(try SibylConfiguration(yaml: Self.head + "slo: {}\n", file: "t.yml").slo == SLOConfiguration())
    }

    static let mistakes: [ConfigurationMistake] = [
        .after(
            "sloth_compatible that is not a boolean", "slo:\n  sloth_compatible: yes please\n",
            #"t.yml:5:21: slo.sloth_compatible: expected "false" or "true", got "yes please""#),
        .after(
            "sloth_compatible that is a list", "slo:\n  sloth_compatible: [true]\n",
            "t.yml:5:21: slo.sloth_compatible: expected \"false\" or \"true\", got a list"),
        .after(
            "an empty sloth_service", "slo:\n  sloth_service: ''\n",
            "t.yml:5:18: slo.sloth_service: must not be empty"),
        .after(
            "an unknown key", "slo:\n  sloth_services: x\n",
            #"t.yml:5:3: unknown key "sloth_services" in section slo (did you mean "sloth_service"?)"#),
    ]

    @Test("each slo mistake names its line and column", arguments: mistakes)
    func mistake(_ mistake: ConfigurationMistake) {
        let errors = ConfigurationDecoderTests.errors(mistake.yaml)
        #expect(errors == mistake.expected, "\(errors)")
    }
}
