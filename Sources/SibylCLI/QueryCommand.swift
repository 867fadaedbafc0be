import ArgumentParser
import Foundation
import NIOCore
import NIOHTTP1
import Sibyl

/// `sibyl query`: reads archived results back, from a running Sibyl's API or from the archive file itself.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract:
            "Read archived results back: series, statistics, stationarity, ACF, seasonality, forecasts, objectives.",
        discussion: """
            A selector's metric name selects the source series (node_load1{instance="a:9100"}); a name starting \
            with sibyl_ selects derived series as Prometheus sees them (sibyl_window_max{metric="node_load1"}). \
            Reads a running Sibyl's API (--url) following every page, or with --archive the SQLite file directly, \
            read-only, without a running Sibyl; both give the same rows.
            """
    )

    @Argument(help: "What to read: \(QueryTarget.allCases.map(\.rawValue).joined(separator: ", ")).")
    var target: QueryTarget

    @Argument(help: "PromQL series selectors (their union), e.g. 'node_load1{instance=\"a:9100\"}'.")
    var selectors: [String] = []

    @Option(help: "The start of the range: Unix seconds or RFC 3339 (default: one hour before --to).")
    var from: String?

    @Option(help: "The end of the range: Unix seconds or RFC 3339 (default: now).")
    var to: String?

    @Option(help: "Output format: table, json or csv.")
    var format: QueryFormat = .table

    @Option(help: "The running Sibyl's base URL (default: http://127.0.0.1:9798).")
    var url: String?

    @Option(help: "Read this archive file directly (read-only) instead of a running Sibyl.")
    var archive: String?

    @Option(help: "Rows asked per page (1 to \(ResultQuery.maximumLimit)).")
    var pageSize = ResultQuery.defaultLimit

    @Option(help: "Seconds to wait for each of Sibyl's answers.")
    var timeout = 10

    func validate() throws {
        switch target {
        case .evaluations:
            guard selectors.isEmpty else { throw ValidationError("evaluations take no selector") }
        case .series:
            guard !selectors.isEmpty else { throw ValidationError("give a selector, e.g. 'node_load1'") }
            guard from == nil, to == nil else {
                throw ValidationError("--from and --to do not apply to series: every archived series is listed")
            }
        default:
            guard !selectors.isEmpty else { throw ValidationError("give a selector, e.g. 'node_load1'") }
        }
        guard url == nil || archive == nil else {
            throw ValidationError("give --url or --archive, not both")
        }
        guard (1...ResultQuery.maximumLimit).contains(pageSize) else {
            throw ValidationError("--page-size: must be from 1 to \(ResultQuery.maximumLimit), got \(pageSize)")
        }
        guard timeout > 0 else { throw ValidationError("--timeout: must be at least 1 second, got \(timeout)") }
    }

    func run() async throws {
        print(try await execute(), terminator: "")
    }

    /// Reads every page and renders the rows.
    func execute() async throws -> String {
        let answer = try await read()
        switch format {
        case .json: return QueryOutput.json(answer)
        case .table: return QueryOutput.table(answer).text
        case .csv: return QueryOutput.csv(QueryOutput.table(answer))
        }
    }

    /// The parameters of the API call, the same for both modes.
    var parameters: [(name: String, value: String)] {
        var list = selectors.map { (name: "match[]", value: $0) }
        if let kind = target.kind { list.append(("kind", kind.rawValue)) }
        if let from { list.append(("from", from)) }
        if let to { list.append(("to", to)) }
        list.append(("limit", "\(pageSize)"))
        return list
    }

    /// Every page's rows, joined.
    func read() async throws -> QueryAnswer {
        let endpoint = target.endpoint
        var answer: QueryAnswer?
        var token: String?
        let store = try archive.map { path throws(ArchiveError) in try ResultStore.openReadOnly(path: path) }
        let base = url ?? "http://127.0.0.1:9798"
        let client = ObjectivesClient(
            baseURL: base.hasSuffix("/") ? String(base.dropLast()) : base, token: nil,
            timeout: .seconds(Int64(timeout)))
        repeat {
            var parameters = parameters
            if let token { parameters.append(("next", token)) }
            let page: QueryPage
            if let store {
                do {
                    let query = try ResultQuery(endpoint, parameters: parameters, now: wallClockMilliseconds())
                    page = try await store.answer(query)
                } catch let error as QueryError {
                    throw ObjectivesClientError(error.description)
                }
            } else {
                page = try await Self.fetch(endpoint, parameters, client)
            }
            answer = answer.map { $0.appending(page.answer) } ?? page.answer
            if let next = page.next, next == token {
                throw ObjectivesClientError("Sibyl gave the same page token twice")
            }
            token = page.next
        } while token != nil
        return answer ?? .series([])
    }

    /// One page from the API.
    static func fetch(
        _ endpoint: ResultQuery.Endpoint, _ parameters: [(name: String, value: String)], _ client: ObjectivesClient
    ) async throws -> QueryPage {
        let query = parameters.map { "\(encode($0.name))=\(encode($0.value))" }.joined(separator: "&")
        let answer = try await client.send(.GET, "/api/v1/\(endpoint.rawValue)?\(query)")
        do {
            return try QueryPage.decode(endpoint, from: answer.body)
        } catch {
            throw ObjectivesClientError("unexpected answer from Sibyl: \(error)")
        }
    }

    /// Percent-encodes a query-string component (everything but RFC 3986's unreserved characters).
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}

/// What `sibyl query` reads: a kind of result, the series, or the cycles.
enum QueryTarget: String, ExpressibleByArgument, CaseIterable {
    case series, stats, histograms, stationarity, acf, seasonality, forecast, objectives, evaluations

    /// The API call that answers it.
    var endpoint: ResultQuery.Endpoint {
        switch self {
        case .series: .series
        case .evaluations: .evaluations
        default: .results
        }
    }

    /// The kind of result, for results.
    var kind: ResultKind? { ResultKind(rawValue: rawValue) }
}

/// How `sibyl query` prints its rows.
enum QueryFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned columns.
    case table
    /// The API's `data`, as indented JSON.
    case json
    /// Comma-separated values with a header row (RFC 4180).
    case csv
}
