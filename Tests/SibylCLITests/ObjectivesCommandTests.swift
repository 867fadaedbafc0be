import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOHTTP1
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

@testable import SibylCLI

struct ObjectivesCommandTests {
    static let token = "cli-token"

    /// Serves Sibyl's real application with the objectives' API (one objective declared in the file) on a free port.
    static func withSibyl<T>(
        statusProvider: any ObjectiveStatusProvider = UnevaluatedObjectiveStatusProvider(), token: String? = token,
        _ body: (String, TemporaryDirectory) async throws -> T
    ) async throws -> T {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let archive = try Archive(path: directory.file("sibyl.db").path)
        defer { try? archive.close() }
        let logger = Logger(label: "sibyl-cli-test")
        let declared = ObjectiveConfiguration(
            try Objective(
                name: "free_memory", selector: SeriesSelector(parsing: "node_memory_MemFree_bytes"), min: 1e8,
                description: "from the file"),
            line: 12)
        let registry = try ObjectiveRegistry(
            declared: [declared], file: "sibyl.yml", store: archive.objectives,
            defaultWindows: EvaluationConfiguration().windows, logger: logger)
        let api = ObjectivesAPI(
            registry: registry, adminToken: token.flatMap(AdminToken.init), statusProvider: statusProvider)
        return try await ServedApplication.serve(
            { onServerRunning in
                buildApplication(
                    server: ServerConfiguration(host: "127.0.0.1", port: 0), publisher: ExpositionPublisher(),
                    services: [],
                    objectives: api, logger: logger,
                    onServerRunning: onServerRunning)
            }
        ) { port in
            try await body("http://127.0.0.1:\(port)", directory)
        }
    }

    static let created = """
        created objective disk_writes
        NAME         MIN  MAX       TARGET  PERIOD  TRANSFORM  WINDOWS  ORIGIN  SELECTOR                       DESCRIPTION
        disk_writes  -    50000000  -       -       rate       1h,3h    api     node_disk_written_bytes_total  writes

        """

    static let list = """
        NAME         MIN        MAX  TARGET  PERIOD  TRANSFORM  WINDOWS  ORIGIN        SELECTOR                   DESCRIPTION
        disk_writes  0.5        -    -       -       -          default  api           up
        free_memory  100000000  -    -       -       -          default  sibyl.yml:12  node_memory_MemFree_bytes  from the file

        """

    @Test("set, list, get, delete as tables; the token from --token-file")
    func tables() async throws {
        try await Self.withSibyl { url, directory in
            let tokenFile = directory.file("token")
            try Data("\(Self.token)\n".utf8).write(to: tokenFile)
            let auth = ["--url", url, "--timeout", "300", "--token-file", tokenFile.path]
            let set = try ObjectiveSetCommand.parse(
                [
                    "disk_writes", "--selector", "node_disk_written_bytes_total", "--max", "5e7", "--transform", "rate",
                    "--window", "1h", "--window", "3h", "--description", "writes",
                ] + auth)
            #expect(try await set.execute() == Self.created)
            let again = try ObjectiveSetCommand.parse(["disk_writes", "--selector", "up", "--min", "0.5"] + auth)
            #expect(try await again.execute().hasPrefix("updated objective disk_writes\n"))
            #expect(try await ObjectiveListCommand.parse(["--url", url, "--timeout", "300"]).execute() == Self.list)
            let get = try await ObjectiveGetCommand.parse(["free_memory", "--url", url, "--timeout", "300"]).execute()
            #expect(get.contains("free_memory  100000000"))
            #expect(
                try await ObjectiveDeleteCommand.parse(["disk_writes"] + auth).execute()
                    == "deleted objective disk_writes\n")
            let status = try await ObjectiveStatusCommand.parse(["free_memory", "--url", url, "--timeout", "300"])
                .execute()
            #expect(status == "objective free_memory [100000000, -] on node_memory_MemFree_bytes\nnot evaluated yet\n")
        }
    }

    @Test("--format json prints the API's data; set --file sends a JSON file")
    func json() async throws {
        try await Self.withSibyl { url, directory in
            let file = directory.file("objective.json")
            try Data(#"{"selector": "up", "min": 1, "description": "from a file"}"#.utf8).write(to: file)
            let set = try ObjectiveSetCommand.parse([
                "up_ok", "--file", file.path, "--url", url, "--timeout", "300", "--format", "json",
            ])
            let environment = [AdminToken.environmentVariable: Self.token]
            let answer = try await set.options.client(environment: environment).send(
                .PUT, "/api/v1/objectives/up_ok", body: try set.body())
            #expect(answer.status == 201)
            let output = try await ObjectiveGetCommand.parse([
                "up_ok", "--url", url, "--timeout", "300", "--format", "json",
            ]).execute()
            #expect(
                output == """
                    {
                      "description" : "from a file",
                      "min" : 1,
                      "name" : "up_ok",
                      "origin" : "api",
                      "selector" : "up"
                    }

                    """)
        }
    }

    @Test("set --divide-by creates a ratio objective; the table shows selector / divisor; with --transform it is 400")
    func divideBy() async throws {
        try await Self.withSibyl { url, _ in
            let environment = [AdminToken.environmentVariable: Self.token]
            let set = try ObjectiveSetCommand.parse([
                "memory", "--selector", "node_memory_MemAvailable_bytes", "--divide-by",
                #"node_memory_MemTotal_bytes{job="node"}"#, "--min", "0.1", "--url", url, "--timeout", "300",
            ])
            let answer = try await set.options.client(environment: environment).send(
                .PUT, "/api/v1/objectives/memory", body: try set.body())
            #expect(answer.status == 201)
            let get = try await ObjectiveGetCommand.parse(["memory", "--url", url, "--timeout", "300"]).execute()
            #expect(get.contains(#"node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes{job="node"}"#), "\(get)")
            let json = try await ObjectiveGetCommand.parse([
                "memory", "--url", url, "--timeout", "300", "--format", "json",
            ]).execute()
            #expect(json.contains(#""divide_by" : "node_memory_MemTotal_bytes{job=\"node\"}""#), "\(json)")

            let both = ["both", "--selector", "a", "--divide-by", "b", "--transform", "rate", "--max", "1"]
            #expect(
                Self.usageError(both)?.hasPrefix(#"--transform: "rate" cannot be combined with divide_by"#) == true)
            let message = await thrownMessage {
                _ = try await set.options.client(environment: environment).send(
                    .PUT, "/api/v1/objectives/both",
                    body: Data(#"{"selector":"a","divide_by":"b","transform":"rate","max":1}"#.utf8))
            }
            #expect(message?.contains("cannot be combined with divide_by") == true, "\(message ?? "no error")")
        }
    }

    @Test("errors carry the API's message: 401 with a hint, 404, 409, 400 naming the field")
    func errors() async throws {
        try await Self.withSibyl { url, _ in
            let noToken = try ObjectiveDeleteCommand.parse(["x", "--url", url, "--timeout", "300"])
            let noTokenMessage = await thrownMessage { _ = try await noToken.execute() } ?? ""
            #expect(noTokenMessage.contains("missing \"Authorization: Bearer <token>\" header"))
            #expect(noTokenMessage.contains("--token-file"))
            let environment = [AdminToken.environmentVariable: Self.token]
            let client = try ObjectivesOptions.parse(["--url", url, "--timeout", "300"]).client(
                environment: environment)
            #expect(
                await thrownMessage { _ = try await client.send(.DELETE, "/api/v1/objectives/x") }
                    == "no objective named \"x\"")
            let conflict = await thrownMessage {
                _ = try await client.send(.DELETE, "/api/v1/objectives/free_memory")
            }
            #expect(conflict?.contains("sibyl.yml:12") == true)
            #expect(
                Self.usageError(["y", "--selector", "up", "--min", "5", "--max", "1"])
                    == "--min: 5.0 is greater than max 1.0")
            let bad = Data(#"{"selector":"up","min":5,"max":1}"#.utf8)
            #expect(
                await thrownMessage { _ = try await client.send(.PUT, "/api/v1/objectives/y", body: bad) }
                    == "min: 5.0 is greater than max 1.0")
        }
    }

    @Test("an unreachable Sibyl is a clear error")
    func unreachable() async throws {
        let port = try FreePort.next()
        let command = try ObjectiveListCommand.parse(["--url", "http://127.0.0.1:\(port)", "--timeout", "1"])
        let message = await thrownMessage { _ = try await command.execute() }
        #expect(message == "cannot reach Sibyl: connection refused to 127.0.0.1:\(port)")
    }

    @Test("a refused change says which token is missing or wrong: 401 without or with a wrong token, 403 without one")
    func refusals() async throws {
        try await Self.withSibyl { url, _ in
            let command = try ObjectiveDeleteCommand.parse(["x", "--url", url, "--timeout", "300"])
            let missing = await thrownMessage { _ = try await command.execute() } ?? ""
            #expect(missing.hasPrefix("Sibyl at \(url) needs its admin token for this call"), "\(missing)")
            let wrong = try ObjectivesOptions.parse(["--url", url, "--timeout", "300"]).client(
                environment: [AdminToken.environmentVariable: "not-the-token"])
            let wrongMessage = await thrownMessage { _ = try await wrong.send(.DELETE, "/api/v1/objectives/x") } ?? ""
            #expect(wrongMessage.hasPrefix("the admin token was wrong: Sibyl at \(url) did not accept it"))
        }
        try await Self.withSibyl(token: nil) { url, _ in
            let client = try ObjectivesOptions.parse(["--url", url, "--timeout", "300"]).client(
                environment: [AdminToken.environmentVariable: Self.token])
            let message = await thrownMessage { _ = try await client.send(.DELETE, "/api/v1/objectives/x") } ?? ""
            #expect(message.hasPrefix("Sibyl at \(url) has no admin token configured"), "\(message)")
            #expect(message.contains("web.admin_token_file"))
        }
    }

    /// The message `sibyl slo set` refuses these arguments with, or `nil` when it takes them.
    static func usageError(_ arguments: [String]) -> String? {
        do {
            _ = try ObjectiveSetCommand.parse(arguments)
            return nil
        } catch {
            return ObjectiveSetCommand.message(for: error)
        }
    }

    @Test("set a ratio objective with a budget; get and list show target, period and the ratio's selectors")
    func budget() async throws {
        try await Self.withSibyl { url, _ in
            let environment = [AdminToken.environmentVariable: Self.token]
            let set = try ObjectiveSetCommand.parse([
                "api", "--target", "0.999", "--period", "28d", "--errors", #"http_requests_total{code=~"5.."}"#,
                "--total", "http_requests_total", "--by", "job", "--by", "instance", "--url", url, "--timeout", "300",
            ])
            let answer = try await set.options.client(environment: environment).send(
                .PUT, "/api/v1/objectives/api", body: try set.body())
            #expect(answer.status == 201)
            let latency = try ObjectiveSetCommand.parse([
                "slow", "--target", "0.99", "--histogram", "http_request_duration_seconds", "--threshold", "0.3",
                "--url", url, "--timeout", "300",
            ])
            let latencyAnswer = try await latency.options.client(environment: environment).send(
                .PUT, "/api/v1/objectives/slow", body: try latency.body())
            #expect(latencyAnswer.status == 201)
            let get = try await ObjectiveGetCommand.parse(["api", "--url", url, "--timeout", "300"]).execute()
            let header = "NAME  MIN  MAX  TARGET  PERIOD  TRANSFORM  WINDOWS  ORIGIN  SELECTOR"
            let row =
                #"api   -    -    0.999   28d     -          default  api     "#
                + #"errors http_requests_total{code=~"5.."} of http_requests_total by job,instance"#
            let lines = get.split(separator: "\n").map(String.init)
            #expect(lines.count == 2)
            #expect(lines.first?.hasPrefix(header + " ") == true && lines.first?.hasSuffix("  DESCRIPTION") == true)
            #expect(lines.last == row, "\(get)")
            let list = try await ObjectiveListCommand.parse(["--url", url, "--timeout", "300"]).execute()
            #expect(list.contains("slow         -          -    0.99    30d     -          default  api"), "\(list)")
            #expect(list.contains("http_request_duration_seconds <= 0.3"), "\(list)")
            let json = try await ObjectiveGetCommand.parse([
                "api", "--url", url, "--timeout", "300", "--format", "json",
            ]).execute()
            #expect(json.contains(#""period" : "28d""#), "\(json)")
            #expect(json.contains(#""by" : ["#), "\(json)")
        }
    }

    @Test(
        "set checks the budget and indicator options as Sibyl does, naming the option",
        arguments: [
            (["a", "--selector", "up", "--max", "1", "--target", "1.5"], "--target: must be between 0 and 1"),
            (["a", "--selector", "up", "--max", "1", "--target", "0.9", "--period", "3x"], "--period: not a valid"),
            (["a", "--selector", "up", "--max", "1", "--period", "7d"], "--target: a period needs a target"),
            (["a", "--errors", "e", "--target", "0.9"], "--total: required"),
            (["a", "--total", "t", "--target", "0.9"], #"ratio: one of "errors" and "good" is required"#),
            (["a", "--errors", "e", "--good", "g", "--total", "t", "--target", "0.9"], "ratio: give errors or good"),
            (["a", "--errors", "e{", "--total", "t", "--target", "0.9"], "--errors: invalid selector at column"),
            (["a", "--errors", "e", "--total", "t"], "--target: a ratio objective needs a target"),
            (["a", "--errors", "e", "--total", "t", "--target", "0.9", "--by", "window"], #"--by: "window" is a"#),
            (["a", "--selector", "up", "--max", "1", "--by", "job"], "--by: only a ratio or latency objective"),
            (["a", "--histogram", "h", "--target", "0.9"], "--threshold: required"),
            (["a", "--threshold", "0.3", "--target", "0.9"], "--histogram: required"),
            (["a", "--selector", "s", "--errors", "e", "--total", "t", "--target", "0.9"], "--selector: a ratio"),
            (["a", "--target", "0.9"], "missing --selector"),
            (["a", "--file", "x.json", "--target", "0.9"], "give either --file or the field options"),
        ])
    func budgetUsage(arguments: [String], expected: String) {
        let message = Self.usageError(arguments)
        #expect(message?.hasPrefix(expected) == true, "\(message ?? "no error")")
    }

    @Test("usage errors: a bad name, --file with field options, no selector")
    func usage() {
        #expect(throws: (any Error).self) { try ObjectiveGetCommand.parse(["a b"]) }
        #expect(throws: (any Error).self) { try ObjectiveSetCommand.parse(["a", "--file", "x.json", "--min", "1"]) }
        #expect(throws: (any Error).self) { try ObjectiveSetCommand.parse(["a", "--min", "1"]) }
    }
}

/// The description of the error `body` throws, or `nil` when it throws none.
func thrownMessage(_ body: () async throws -> Void) async -> String? {
    do {
        try await body()
        return nil
    } catch {
        return "\(error)"
    }
}
