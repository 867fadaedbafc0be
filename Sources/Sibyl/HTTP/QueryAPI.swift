import Foundation
package import Hummingbird
import NIOCore

/// The archive's JSON API: series, results and evaluations read back from the SQLite file.
///
/// Routes (``ResultQuery`` gives the parameters and the selector semantics):
/// - `GET /api/v1/series?match[]=<selector>`: the archived derived series, as Prometheus' `/api/v1/series`.
/// - `GET /api/v1/results?match[]=<selector>&from=&to=&kind=`: their values over the range, as a range query's
///   matrix.
/// - `GET /api/v1/evaluations?from=&to=`: the archived cycles over the range.
///
/// Answers are `{"status":"success","data":…}` with, when more rows follow, `"next":"<token>"`: repeat the call
/// with `next=<token>` for the following page. A bad parameter is 400 `bad_data` naming it; an archive that
/// cannot be read is 500 `internal`; a call still reading after ``RequestDeadline/requestTimeout`` is 503 `timeout`.
package enum QueryAPI {
    /// Answers one call.
    /// - Parameters:
    ///   - endpoint: the call.
    ///   - queryString: the URL's query string.
    ///   - store: the archive.
    ///   - now: the time `to` defaults to, in Unix milliseconds.
    ///   - deadline: when to stop reading.
    /// - Returns: the JSON response.
    package static func respond(
        _ endpoint: ResultQuery.Endpoint, _ queryString: String?, store: ResultStore, now: Int64,
        deadline: RequestDeadline = RequestDeadline()
    ) async -> Response {
        let query: ResultQuery
        do {
            query = try ResultQuery(endpoint, parameters: try QueryParameters.parse(queryString), now: now)
        } catch {
            return APIError.badData(error.description).response()
        }
        let page: QueryPage
        do {
            page = try await store.answer(query, deadline: deadline)
        } catch  where error.code == .timedOut {
            return APIError(.serviceUnavailable, "timeout", error.description).response()
        } catch {
            return APIError(.internalServerError, "internal", error.description).response()
        }
        do {
            let body = try APIResponse.encoder.encode(page)
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
        } catch {
            return APIError(.internalServerError, "internal", "cannot encode the response: \(error)").response()
        }
    }
}

extension Router {
    /// Adds the archive's query API (see ``QueryAPI``).
    /// - Parameters:
    ///   - store: the archive's cycles.
    ///   - timeout: how long one call may read.
    ///   - now: the clock `to` defaults to (the wall clock unless a test says otherwise).
    package func addQueryRoutes(
        _ store: ResultStore, timeout: Duration = RequestDeadline.requestTimeout,
        now: @escaping @Sendable () -> Int64 = wallClockMilliseconds
    ) {
        for endpoint in ResultQuery.Endpoint.allCases {
            get(RouterPath("/api/v1/\(endpoint.rawValue)")) { request, _ -> Response in
                await QueryAPI.respond(
                    endpoint, request.uri.query, store: store, now: now(), deadline: RequestDeadline(after: timeout))
            }
        }
    }
}
