import ArgumentParser
import NIOHTTP1

/// `sibyl slo status NAME`: an objective's violations per window and predictions, per series.
struct SloStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show an objective's violations per window and predictions, per series.")

    @Argument(help: "The objective's name.")
    var name: String

    @OptionGroup var options: SloOptions

    func validate() throws {
        try SloOptions.check(name: name)
    }

    func run() async throws {
        print(try await execute(), terminator: "")
    }

    /// The output: tables, or the API's `data` as JSON.
    func execute() async throws -> String {
        let answer = try await options.client().send(.GET, "/api/v1/objectives/\(name)/status")
        switch options.format {
        case .json: return SloClient.json(answer.data)
        case .table: return try SloClient.decode(SloStatusView.self, from: answer.data).text
        }
    }
}
