import ArgumentParser
import NIOHTTP1

/// `sibyl slo get NAME`: one objective.
struct ObjectiveGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one objective.")

    @Argument(help: "The objective's name.")
    var name: String

    @OptionGroup var options: ObjectivesOptions

    func validate() throws {
        try ObjectivesOptions.check(name: name)
    }

    func run() async throws {
        print(try await execute(), terminator: "")
    }

    /// The output: a one-row table, or the API's `data` as JSON.
    func execute() async throws -> String {
        let answer = try await options.client().send(.GET, "/api/v1/objectives/\(name)")
        switch options.format {
        case .json: return ObjectivesClient.json(answer.data)
        case .table: return ObjectiveView.table([try ObjectivesClient.decode(ObjectiveView.self, from: answer.data)])
        }
    }
}
