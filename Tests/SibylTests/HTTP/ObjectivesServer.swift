import Foundation
import Hummingbird
import Logging
import Sibyl
import SibylTestSupport
import SibylWire

/// Sibyl's real application with the objectives' API on a free port, over an archive in a temporary folder.
struct ObjectivesServer {
    let url: String
    let registry: ObjectiveRegistry

    static let token = "s3cret-token"

    /// Runs the app until `body` returns.
    /// - Parameters:
    ///   - path: the archive's path (a fresh temporary file when `nil`).
    ///   - token: the admin token, `nil` for none.
    ///   - declared: the file's objectives.
    ///   - retention: the archive's retention, the longest period a budget may have (`nil`: not checked).
    ///   - evaluate: the evaluation trigger.
    ///   - logger: the application's logger (the API logs its changes there).
    static func with<T>(
        archiveAt path: String? = nil, token: String? = Self.token, declared: [ObjectiveConfiguration] = [],
        retention: PrometheusDuration? = nil,
        statusProvider: any ObjectiveStatusProvider = UnevaluatedObjectiveStatusProvider(),
        evaluate: (@Sendable () async -> EvaluationRequestOutcome)? = nil, logger: Logger = Logger(label: "sibyl-test"),
        _ body: (ObjectivesServer) async throws -> T
    ) async throws -> T {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let archive = try Archive(path: path ?? directory.file("sibyl.db").path)
        defer { try? archive.close() }
        let registry = try ObjectiveRegistry(
            declared: declared, file: "sibyl.yml", store: archive.objectives,
            defaultWindows: EvaluationConfiguration().windows, retention: retention, logger: logger)
        let api = ObjectivesAPI(
            registry: registry, adminToken: token.flatMap(AdminToken.init), statusProvider: statusProvider,
            evaluate: evaluate)
        return try await ServedApplication.serve(
            { onServerRunning in
                buildApplication(
                    server: ServerConfiguration(host: "127.0.0.1", port: 0), publisher: ExpositionPublisher(),
                    services: [],
                    objectives: api, logger: logger,
                    onServerRunning: onServerRunning)
            }
        ) { port in
            try await body(ObjectivesServer(url: "http://127.0.0.1:\(port)", registry: registry))
        }
    }

    /// Sends a request to the API, with the admin token unless `authorization` says otherwise.
    func send(
        _ method: String, _ path: String, json: String? = nil, authorization: String? = "Bearer \(Self.token)"
    ) async throws -> TestHTTP.Response {
        var headers: [String: String] = [:]
        if let authorization { headers["Authorization"] = authorization }
        if json != nil { headers["Content-Type"] = "application/json" }
        return try await TestHTTP.send(url + path, method: method, headers: headers, body: json.map { Data($0.utf8) })
    }
}

extension TestHTTP.Response {
    /// The body as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    }
}
