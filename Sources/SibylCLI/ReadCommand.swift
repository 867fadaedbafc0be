import ArgumentParser
import Foundation
import Sibyl
import SibylWire

/// `sibyl read`: reads series over remote read and summarises them, the way Sibyl's source sees them.
struct ReadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Read series from a remote-read endpoint and print a summary of each (or every sample)."
    )

    @Argument(help: "A PromQL series selector, e.g. '{job=\"node\", __name__=~\"node_memory_.*_bytes\"}'.")
    var selector: String

    @Option(help: "The remote-read endpoint.")
    var source = "http://127.0.0.1:9090/api/v1/read"

    @Option(help: "How far back to read, in Prometheus syntax (e.g. 5m, 1h30m).")
    var range = "5m"

    @Option(help: "The end of the range: Unix seconds or RFC 3339 (default: now).")
    var at: String?

    @Option(help: "Response type to ask for: streamed (XOR chunks) or samples.")
    var responseType: ResponseTypeOption = .streamed

    @Flag(help: "Print every sample, not only the summary.")
    var samples = false

    func run() async throws {
        let output = try await read()
        print(output, terminator: "")
    }

    /// Runs the read and renders its report.
    func read() async throws -> String {
        let parsed: SeriesSelector
        do {
            parsed = try SeriesSelector(parsing: selector)
        } catch {
            throw ValidationError("invalid selector: \(error)")
        }
        let length = try PrometheusDuration(parsing: range)
        let end = try at.map(TimeArgument.milliseconds(parsing:)) ?? Int64(Date().timeIntervalSince1970 * 1000)
        let query = RemoteReadQuery(start: end - length.milliseconds, end: end, matchers: parsed.matchers)
        let client = RemoteReadClient(
            configuration: .init(url: source, acceptedResponseTypes: [responseType.type]))
        var series: [TimeSeries] = []
        let summary = try await client.read([query]) { series.append($0.series) }
        return ReadReport(series: series, summary: summary, range: query.start...query.end, listSamples: samples).text
    }
}

/// The response types `sibyl read --response-type` accepts.
enum ResponseTypeOption: String, ExpressibleByArgument, CaseIterable {
    case streamed
    case samples

    var type: RemoteReadResponseType {
        switch self {
        case .streamed: .streamedXORChunks
        case .samples: .samples
        }
    }
}
