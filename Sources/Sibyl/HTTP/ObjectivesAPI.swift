import Foundation
package import Hummingbird
import Logging
import NIOCore

/// The objectives' JSON API and what it needs: the registry, the admin token, the status provider and the
/// evaluation trigger.
///
/// Routes (bodies and answers are JSON; answers are `{"status":"success","data":…}` or
/// `{"status":"error","errorType":…,"error":…}`):
/// - `GET /api/v1/objectives`: every objective in force, sorted by name.
/// - `GET /api/v1/objectives/{name}`: one objective; 404 when unknown.
/// - `PUT /api/v1/objectives/{name}`: creates (201) or replaces (200) an API objective; 400 naming the field for a
///   bad body (a window longer than the longest evaluation window, a budget's `period` longer than the archive's
///   retention, which the registry knows, included), 409 for an objective declared in the configuration file, 413
///   beyond ``maximumBodySize``.
/// - `DELETE /api/v1/objectives/{name}`: 200, 404 when unknown, 409 for the file's.
/// - `GET /api/v1/objectives/{name}/status`: the status provider's answer.
/// - `POST /api/v1/evaluate`: asks the evaluation loop for a cycle now; 202 when accepted.
///
/// `PUT`, `DELETE` and `POST` require `Authorization: Bearer <token>`: 403 when no token is configured (the mutating
/// API is then disabled, never open), 401 when the header is missing or the token wrong.
package struct ObjectivesAPI: Sendable {
    /// The largest request body read (64 KiB).
    package static let maximumBodySize = 64 * 1024

    /// The objectives.
    package var registry: ObjectiveRegistry
    /// The admin token; `nil` disables the mutating calls.
    package var adminToken: AdminToken?
    /// Gives `/status` its results.
    package var statusProvider: any ObjectiveStatusProvider
    /// Asks for a cycle now; `nil` answers 503.
    package var evaluate: (@Sendable () async -> EvaluationRequestOutcome)?

    /// Creates the API.
    /// - Parameters:
    ///   - registry: the objectives.
    ///   - adminToken: the admin token, or `nil` to disable the mutating calls.
    ///   - statusProvider: the source of `/status` results.
    ///   - evaluate: the evaluation trigger, or `nil` when cycles cannot be run on request.
    package init(
        registry: ObjectiveRegistry, adminToken: AdminToken?,
        statusProvider: any ObjectiveStatusProvider = UnevaluatedObjectiveStatusProvider(),
        evaluate: (@Sendable () async -> EvaluationRequestOutcome)? = nil
    ) {
        self.registry = registry
        self.adminToken = adminToken
        self.statusProvider = statusProvider
        self.evaluate = evaluate
    }
}

extension Router {
    /// Adds the objectives' API routes (see ``ObjectivesAPI``).
    /// - Parameter api: the API's dependencies.
    package func addObjectivesRoutes(_ api: ObjectivesAPI) {
        let registry = api.registry
        get("/api/v1/objectives") { _, _ -> Response in
            APIResponse.success(registry.current.objectives)
        }
        get("/api/v1/objectives/:name") { _, context -> Response in
            let name = context.parameters.get("name") ?? ""
            guard let objective = registry.objective(named: name) else { return api.unknown(name) }
            return APIResponse.success(objective)
        }
        get("/api/v1/objectives/:name/status") { _, context -> Response in
            let name = context.parameters.get("name") ?? ""
            guard let objective = registry.objective(named: name) else { return api.unknown(name) }
            return APIResponse.success(await api.statusProvider.status(of: objective))
        }
        put("/api/v1/objectives/:name") { request, context -> Response in
            if let refusal = api.authorize(request, context: context) { return refusal.response() }
            let name = context.parameters.get("name") ?? ""
            let objective: Objective
            do {
                let body = try await api.body(of: request)
                objective = try Objective.decode(json: body, name: name)
            } catch let error as APIError {
                return error.response()
            } catch let error as ObjectiveError {
                return APIError.badData(error.description).response()
            }
            do throws(ObjectiveRegistryError) {
                let before = registry.objective(named: name)?.objective
                let (outcome, registered) = try await registry.put(objective)
                api.logChange(
                    outcome == .created ? "objective created" : "objective replaced", name: name, before: before,
                    after: objective, context: context)
                return APIResponse.success(registered, status: outcome == .created ? .created : .ok)
            } catch {
                return api.refusal(error).response()
            }
        }
        delete("/api/v1/objectives/:name") { request, context -> Response in
            if let refusal = api.authorize(request, context: context) { return refusal.response() }
            let name = context.parameters.get("name") ?? ""
            do throws(ObjectiveRegistryError) {
                let before = registry.objective(named: name)?.objective
                try await registry.delete(named: name)
                api.logChange("objective deleted", name: name, before: before, after: nil, context: context)
                return APIResponse.success(String?.none)
            } catch {
                return api.refusal(error).response()
            }
        }
        post("/api/v1/evaluate") { request, context -> Response in
            if let refusal = api.authorize(request, context: context) { return refusal.response() }
            context.logger.info("cycle requested", metadata: ["client.address": "\(ObjectivesAPI.client(context))"])
            guard let evaluate = api.evaluate else {
                return APIError(.serviceUnavailable, "unavailable", "this Sibyl cannot run a cycle on request")
                    .response()
            }
            switch await evaluate() {
            case .accepted:
                return APIResponse.success(["accepted": true], status: .accepted)
            case .unavailable(let reason):
                return APIError(.serviceUnavailable, "unavailable", reason).response()
            }
        }
    }
}

extension ObjectivesAPI {
    /// The refusal of a mutating call that is not authorized, or `nil` when it is. A wrong token is logged with the
    /// client's address.
    func authorize(_ request: Request, context: some RequestContext) -> APIError? {
        guard let adminToken else {
            return APIError(
                .forbidden, "forbidden",
                "the mutating API is disabled: no admin token is configured (set web.admin_token_file or "
                    + "\(AdminToken.environmentVariable))")
        }
        guard let header = request.headers[.authorization], header.count > 7,
            header.prefix(7).lowercased() == "bearer "
        else {
            return APIError(.unauthorized, "unauthorized", "missing \"Authorization: Bearer <token>\" header")
        }
        guard adminToken.matches(header.dropFirst(7).trimmingCharacters(in: .whitespaces)) else {
            context.logger.warning(
                "admin API call refused: wrong admin token",
                metadata: ["client.address": "\(Self.client(context))", "http.target": "\(request.uri.path)"])
            return APIError(.unauthorized, "unauthorized", "wrong admin token")
        }
        return nil
    }

    /// Logs a change the API made: what (the objective's name and its JSON before and after) and who (the client's
    /// address).
    func logChange(
        _ message: Logger.Message, name: String, before: Objective?, after: Objective?, context: some RequestContext
    ) {
        var metadata: Logger.Metadata = ["objective.name": "\(name)", "client.address": "\(Self.client(context))"]
        if let before { metadata["objective.before"] = "\(Self.json(before))" }
        if let after { metadata["objective.after"] = "\(Self.json(after))" }
        context.logger.notice(message, metadata: metadata)
    }

    /// The client's `address:port`, or `unknown` when the context does not carry it.
    static func client(_ context: some RequestContext) -> String {
        guard let address = (context as? any RemoteAddressRequestContext)?.remoteAddress else { return "unknown" }
        guard let ip = address.ipAddress else { return "\(address)" }
        let host = ip.contains(":") ? "[\(ip)]" : ip
        return address.port.map { "\(host):\($0)" } ?? host
    }

    /// An objective as the API's compact JSON.
    static func json(_ objective: Objective) -> String {
        (try? APIResponse.encoder.encode(objective)).map { String(decoding: $0, as: UTF8.self) } ?? objective.name
    }

    /// The request's body, at most ``maximumBodySize`` bytes.
    func body(of request: Request) async throws(APIError) -> Data {
        let tooLarge = APIError(
            .contentTooLarge, "bad_data", "the body is larger than \(Self.maximumBodySize) bytes, the most allowed")
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > Self.maximumBodySize {
            throw tooLarge
        }
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: Self.maximumBodySize)
            return Data(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        } catch {
            throw APIError.badData("cannot read the body: \(error)")
        }
    }

    /// 404 for an unknown name.
    func unknown(_ name: String) -> Response {
        APIError.notFound("no objective named \(ConfigurationDecoder.quoted(name))").response()
    }

    /// The API error for a refused change.
    func refusal(_ error: ObjectiveRegistryError) -> APIError {
        switch error.code {
        case .declaredInFile: APIError(.conflict, "conflict", error.message)
        case .notFound: APIError.notFound(error.message)
        case .invalid: APIError.badData(error.message)
        default: APIError(.internalServerError, "internal", error.message)
        }
    }
}
