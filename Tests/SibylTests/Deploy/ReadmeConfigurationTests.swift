import Foundation
import Sibyl
import SibylTestSupport
import Testing

/// The README's configuration block is the shipped `sibyl.yml`, byte for byte, so that copying it gives the file
/// `./scripts/run.sh` runs; the condensed reference of every option lives in `docs/configuration.md`.
struct ReadmeConfigurationTests {
    /// The first ```` ```yaml ```` block under `## Configuration`, before the next `## ` heading, with its final
    /// newline; `nil` when there is none.
    static func configurationBlock(of readme: String) -> String? {
        var lines = readme.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let heading = lines.firstIndex(of: "## Configuration") else { return nil }
        lines = lines[(heading + 1)...]
        guard let open = lines.firstIndex(where: { $0 == "```yaml" || $0.hasPrefix("## ") }), lines[open] == "```yaml"
        else { return nil }
        lines = lines[(open + 1)...]
        guard let close = lines.firstIndex(of: "```") else { return nil }
        return lines[..<close].map { $0 + "\n" }.joined()
    }

    /// `SIBYL_UPDATE_README=1 swift test --filter ReadmeConfigurationTests` copies sibyl.yml into the block instead.
    @Test("the README's block under ## Configuration is the shipped sibyl.yml, byte for byte")
    func readmeBlockIsTheShippedFile() throws {
        let url = Fixtures.repository.appendingPathComponent("README.md")
        let readme = try String(contentsOf: url, encoding: .utf8)
        let shipped = try String(contentsOf: Fixtures.repository.appendingPathComponent("sibyl.yml"), encoding: .utf8)
        let block = try #require(
            Self.configurationBlock(of: readme), "README.md has no yaml block under ## Configuration")
        if ProcessInfo.processInfo.environment["SIBYL_UPDATE_README"] == "1" {
            let section = try #require(readme.range(of: "\n## Configuration\n"))
            let current = try #require(
                readme.range(of: "```yaml\n" + block + "```\n", range: section.upperBound..<readme.endIndex))
            try readme.replacingCharacters(in: current, with: "```yaml\n" + shipped + "```\n")
                .write(to: url, atomically: true, encoding: .utf8)
            return
        }
        #expect(block == shipped, "copy sibyl.yml into the README's ## Configuration block")
        _ = try SibylConfiguration(yaml: block, file: "README.md")
    }

    @Test("the block is found only under its heading and only when closed")
    func extraction() {
        let readme = "# T\n```yaml\nno: 1\n```\n## Configuration\n\ntext\n```yaml\na: 1\n\nb: 2\n```\n## Next\n"
        #expect(Self.configurationBlock(of: readme) == "a: 1\n\nb: 2\n")
        #expect(Self.configurationBlock(of: "## Configuration\ntext\n## Next\n```yaml\na: 1\n```\n") == nil)
        #expect(Self.configurationBlock(of: "## Configuration\n```yaml\na: 1\n") == nil)
        #expect(Self.configurationBlock(of: "# No section\n```yaml\na: 1\n```\n") == nil)
    }

    @Test("docs/configuration.md's reference of every option is a valid configuration")
    func referenceIsValid() throws {
        let reference = try String(
            contentsOf: Fixtures.repository.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
        let start = try #require(reference.range(of: "```yaml\n"))
        let end = try #require(reference.range(of: "\n```", range: start.upperBound..<reference.endIndex))
        let configuration = try SibylConfiguration(
            yaml: String(reference[start.upperBound..<end.lowerBound]), file: "docs/configuration.md")
        #expect(!configuration.archive.remoteReadLabels.isEmpty)
    }
}
