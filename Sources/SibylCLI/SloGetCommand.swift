import ArgumentParser
import NIOHTTP1

/// `sibyl slo get NAME`: one objective.
struct SloGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one objective.")

    @Argument(help: "The objective's name.")
    var name: String

    @OptionGroup var options: SloOptions

    func validate() throws {
        try SloOptions.check(name: name)
    }

    func run() async throws {
        print(try await execute(), terminator: "")
    }

    /// The output: a one-row table, or the API's `data` as JSON.
    func execute() async throws -> String {
        let answer = try await options.client().send(.GET, "/api/v1/objectives/\(name)")
        switch options.format {
        case .json: return SloClient.json(answer.data)
        case .table: return SloObjectiveView.table([try SloClient.decode(SloObjectiveView.self, from: answer.data)])
        }
    }
}
