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
            judge each series divided by the series of a second selector with the same labels; --target and \
            --period for an error budget; a ratio objective instead of --selector: --errors or --good with \
            --total, and --by; a latency objective: --histogram and --threshold), or --file with the objective as \
            JSON ({"selector": "…", "min": 0, "max": 1, …}); the name in the file, if any, must be NAME. The \
            objective is checked here as Sibyl checks it (Sibyl also refuses a period longer than its \
            archive.retention).
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

    @Option(help: "The error budget's target share of good events, between 0 and 1, e.g. 0.999.")
    var target: Double?

    @Option(help: "The error budget's period, e.g. 30d (default 30d; needs --target).")
    var period: String?

    @Option(help: "A ratio objective's bad-event counters, e.g. 'http_requests_total{code=~\"5..\"}' (with --total).")
    var errors: String?

    @Option(help: "A ratio objective's good-event counters (instead of --errors; with --total).")
    var good: String?

    @Option(help: "A ratio objective's counters of all events, e.g. 'http_requests_total'.")
    var total: String?

    @Option(help: "A latency objective's histogram, e.g. 'http_request_duration_seconds{job=\"api\"}'.")
    var histogram: String?

    @Option(help: "A latency objective's highest good observation, in the histogram's unit, e.g. 0.3.")
    var threshold: Double?

    @Option(help: "A label a ratio or latency objective's events are summed by (repeat it; default one sum).")
    var by: [String] = []

    @Option(help: "A JSON file holding the objective, instead of the options.")
    var file: String?

    @OptionGroup var options: ObjectivesOptions

    /// Checks the name and the options, and the objective they make as Sibyl checks a body (but the period against
    /// the archive's retention, which only Sibyl knows).
    func validate() throws {
        try ObjectivesOptions.check(name: name)
        let indicatorOptions = errors != nil || good != nil || total != nil || histogram != nil || threshold != nil
        let fieldOptions =
            selector != nil || min != nil || max != nil || transform != nil || divideBy != nil || !windows.isEmpty
            || description != nil || target != nil || period != nil || !by.isEmpty || indicatorOptions
        if file != nil, fieldOptions {
            throw ValidationError("give either --file or the field options (--selector, --min, …), not both")
        }
        guard file == nil else { return }
        if selector == nil, !indicatorOptions {
            throw ValidationError("missing --selector (or --errors/--good with --total, --histogram, or --file)")
        }
        do {
            _ = try Objective.decode(json: try body(), name: name)
        } catch let error as ObjectiveError {
            throw ValidationError(Self.optionNames(error.description))
        }
    }

    /// A field's error in terms of the options: `ratio.total: required` reads `--total: required`.
    static func optionNames(_ message: String) -> String {
        let options = [
            "ratio.errors": "--errors", "ratio.good": "--good", "ratio.total": "--total",
            "latency.histogram": "--histogram", "latency.threshold": "--threshold", "divide_by": "--divide-by",
            "windows": "--window",
        ]
        guard let colon = message.firstIndex(of: ":") else { return message }
        let field = String(message[..<colon])
        if let option = options[field] { return option + message[colon...] }
        // The body's own fields, as options: `--selector`, `--min`, …
        if ["selector", "min", "max", "transform", "description", "target", "period", "by"].contains(field) {
            return "--" + field + message[colon...]
        }
        return message
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
        object["target"] = target
        object["period"] = period
        if errors != nil || good != nil || total != nil {
            var ratio: [String: String] = [:]
            ratio["errors"] = errors
            ratio["good"] = good
            ratio["total"] = total
            object["ratio"] = ratio
        }
        if histogram != nil || threshold != nil {
            var latency: [String: Any] = [:]
            latency["histogram"] = histogram
            latency["threshold"] = threshold
            object["latency"] = latency
        }
        object["by"] = by.isEmpty ? nil : by
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
