import Foundation
import HTTPTypes
package import Hummingbird

/// Basic authentication and the extra headers of the web config file, on every route.
package struct WebSecurityMiddleware<Context: RequestContext>: RouterMiddleware {
    package let security: WebSecurity

    package init(security: WebSecurity) {
        self.security = security
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let file = security.file
        var response: Response
        if !file.users.isEmpty, !(await authorized(request)) {
            response = Response(
                status: .unauthorized,
                headers: [.wwwAuthenticate: "Basic realm=\"Sibyl\"", .contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "Unauthorized\n")))
        } else {
            response = try await next(request, context)
        }
        for header in file.headers {
            if let name = HTTPField.Name(header.name) { response.headers[name] = header.value }
        }
        return response
    }

    /// Whether the request carries `Authorization: Basic` with a configured user and password.
    private func authorized(_ request: Request) async -> Bool {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return false }
        return await security.users.check(
            user: String(text[..<colon]), password: String(text[text.index(after: colon)...]))
    }
}
