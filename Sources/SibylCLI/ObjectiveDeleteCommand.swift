import ArgumentParser
import NIOHTTP1

/// `sibyl slo delete NAME`: deletes an objective created through the API.
struct ObjectiveDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete an objective created through the API (needs the admin token).")

    @Argument(help: "The objective's name.")
    var name: String

    @OptionGroup var options: ObjectivesOptions

    func validate() throws {
        try ObjectivesOptions.check(name: name)
    }

    func run() async throws {
        print(try await execute(), terminator: "")
    }

    /// The output: one line, or `null` as JSON.
    func execute() async throws -> String {
        let answer = try await options.client().send(.DELETE, "/api/v1/objectives/\(name)")
        switch options.format {
        case .json: return ObjectivesClient.json(answer.data)
        case .table: return "deleted objective \(name)\n"
        }
    }
}
