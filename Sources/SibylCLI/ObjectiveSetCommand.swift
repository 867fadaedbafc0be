import ArgumentParser
import Foundation
import NIOHTTP1
import Sibyl

/// `sibyl slo set NAME …`: creates or replaces an objective through the API, from options or a JSON file.
struct ObjectiveSetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Create or replace an objective (needs the admin token).",
        discussion: """
            Either give the fields as options (--selector and at least one of --min and --max; --divide-by to \
            judge each series divided by the series of a second selector with the same labels), or --file with \
            the objective as JSON ({"selector": "…", "min": 0, "max": 1, …}); the name in the file, if any, must \
            be NAME.
            """
    )

    @Argument(help: "The objective's name: letters, digits, \"_\" and \"-\".")
    var name: String

    @Option(help: "A PromQL series selector, e.g. 'node_memory_MemFree_bytes{job=\"node\"}'.")
    var selector: String?

    @Option(help: "The lowest allowed value.")
    var min: Double?

    @Option(help: "The highest allowed value.")
    var max: Double?

    @Option(help: "Apply a transform first: rate (for counters).")
    var transform: String?

    @Option(
        name: .customLong("divide-by"),
        help: "Judge each series divided by the series of this selector with the same labels (not with --transform).")
    var divideBy: String?

    @Option(
        name: .customLong("window"), help: "A window to evaluate, e.g. 1h (repeat it; default: the evaluation windows)."
    )
    var windows: [String] = []

    @Option(help: "A description.")
    var description: String?

    @Option(help: "A JSON file holding the objective, instead of the options.")
    var file: String?

    @OptionGroup var options: ObjectivesOptions

    func validate() throws {
        try ObjectivesOptions.check(name: name)
        let fieldOptions =
            selector != nil || min != nil || max != nil || transform != nil || divideBy != nil || !windows.isEmpty
            || description != nil
        if file != nil, fieldOptions {
            throw ValidationError("give either --file or the field options (--selector, --min, …), not both")
        }
        if file == nil, selector == nil {
            throw ValidationError("missing --selector (or --file)")
        }
    }

    func run() async throws {
        print(try await execute(), terminator: "")
    }

    /// The body sent: the file's bytes, or the options as a JSON object.
    func body() throws -> Data {
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("--file: cannot read \(file)")
            }
            return data
        }
        var object: [String: Any] = ["name": name]
        object["selector"] = selector
        object["min"] = min
        object["max"] = max
        object["transform"] = transform
        object["divide_by"] = divideBy
        object["windows"] = windows.isEmpty ? nil : windows
        object["description"] = description
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    /// The output: `created`/`updated` and the objective's row, or the API's `data` as JSON.
    func execute() async throws -> String {
        let answer = try await options.client().send(.PUT, "/api/v1/objectives/\(name)", body: try body())
        switch options.format {
        case .json: return ObjectivesClient.json(answer.data)
        case .table:
            let objective = try ObjectivesClient.decode(ObjectiveView.self, from: answer.data)
            return "\(answer.status == 201 ? "created" : "updated") objective \(name)\n"
                + ObjectiveView.table([objective])
        }
    }
}
