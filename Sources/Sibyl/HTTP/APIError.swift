import Foundation
package import Hummingbird
import NIOCore

/// An error of the JSON API, rendered as Prometheus' API renders errors:
/// `{"status":"error","errorType":"bad_data","error":"min: 10.0 is greater than max 5.0"}`.
package struct APIError: HTTPResponseError, Sendable, Hashable {
    /// The HTTP status.
    package let status: HTTPResponse.Status
    /// Prometheus' error type: `bad_data`, `unauthorized`, `forbidden`, `not_found`, `conflict`, `unavailable`,
    /// `internal`.
    package let errorType: String
    /// What is wrong.
    package let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - status: the HTTP status.
    ///   - message: what is wrong.
    package init(_ status: HTTPResponse.Status, _ errorType: String, _ message: String) {
        self.status = status
        self.errorType = errorType
        self.message = message
    }

    /// 400 `bad_data`.
    static func badData(_ message: String) -> APIError { APIError(.badRequest, "bad_data", message) }
    /// 404 `not_found`.
    static func notFound(_ message: String) -> APIError { APIError(.notFound, "not_found", message) }

    /// The JSON response; 401 also carries `WWW-Authenticate: Bearer`.
    package func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    /// The JSON response.
    func response() -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"sibyl\"" }
        let body = ["status": "error", "errorType": errorType, "error": message]
        let data = (try? APIResponse.encoder.encode(body)) ?? Data()
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
