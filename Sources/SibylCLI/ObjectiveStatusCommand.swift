import ArgumentParser
import NIOHTTP1

/// `sibyl slo status NAME`: an objective's violations per window and predictions, per series, and its error budget
/// (budget left, burn rates, exhaustion ETAs) per indicator group when it has a target.
struct ObjectiveStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show an objective's violations and predictions per series, and its error budget.")

    @Argument(help: "The objective's name.")
    var name: String

    @OptionGroup var options: ObjectivesOptions

    func validate() throws {
        try ObjectivesOptions.check(name: name)
    }

    func run() async throws {
        print(try await execute(), terminator: "")
    }

    /// The output: tables, or the API's `data` as JSON.
    func execute() async throws -> String {
        let answer = try await options.client().send(.GET, "/api/v1/objectives/\(name)/status")
        switch options.format {
        case .json: return ObjectivesClient.json(answer.data)
        case .table: return try ObjectivesClient.decode(ObjectiveStatusView.self, from: answer.data).text
        }
    }
}
