import ArgumentParser
import NIOHTTP1

/// `sibyl slo list`: every objective in force, from the file and from the API.
struct ObjectiveListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the objectives in force (the file's and the API's).")

    @OptionGroup var options: ObjectivesOptions

    func run() async throws {
        print(try await execute(), terminator: "")
    }

    /// The output: a table, or the API's `data` as JSON.
    func execute() async throws -> String {
        let answer = try await options.client().send(.GET, "/api/v1/objectives")
        switch options.format {
        case .json: return ObjectivesClient.json(answer.data)
        case .table: return ObjectiveView.table(try ObjectivesClient.decode([ObjectiveView].self, from: answer.data))
        }
    }
}
