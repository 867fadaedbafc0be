import ArgumentParser
import Foundation
import SibylTestSupport
import Testing

@testable import SibylCLI

struct RulesCommandTests {
    @Test("sibyl rules prints, for the shipped sibyl.yml, the shipped deploy/rules/sibyl-slo.rules.yml")
    func shipped() throws {
        let configuration = Fixtures.repository.appendingPathComponent("sibyl.yml").path
        let text = try RulesCommand.parse(["--config.file", configuration]).text()
        let shipped = try String(
            contentsOf: Fixtures.repository.appendingPathComponent("deploy/rules/sibyl-slo.rules.yml"), encoding: .utf8)
        #expect(text == shipped)
        #expect(text.contains("SibylErrorBudgetBurn"))
    }

    @Test("a configuration with mistakes is refused with them")
    func invalid() throws {
        let command = try RulesCommand.parse(["--config.file", "/nonexistent/sibyl.yml"])
        #expect(throws: ValidationError.self) { try command.text() }
    }
}
