import HTTPTypes
package import Hummingbird
import NIOCore

/// Answers a known path asked with a method it does not serve with 405 and `Allow` (as Prometheus does), instead
/// of the router's 404: `DELETE /metrics` is 405 `Allow: GET, HEAD`, `GET /nothing` stays 404.
///
/// It wraps the router's responder, whose not-found answer already passed the middleware: a request the web
/// config's authentication refuses is still 401, whatever its method.
package struct MethodNotAllowedResponder<Context: RequestContext>: HTTPResponder {
    /// A route's path and the methods it serves.
    struct Route: Sendable {
        let path: RouterPath
        var methods: Set<HTTPRequest.Method>
    }

    private let inner: RouterResponder<Context>
    private let routes: [Route]

    /// Wraps `router`'s responder, with the routes added to it so far.
    package init(router: Router<Context>) {
        inner = router.buildResponder()
        var routes: [Route] = []
        for route in router.routes {
            if let index = routes.firstIndex(where: { $0.path == route.path }) {
                routes[index].methods.insert(route.method)
            } else {
                routes.append(Route(path: route.path, methods: [route.method]))
            }
        }
        // The router answers HEAD wherever it answers GET (`autoGenerateHeadEndpoints`).
        self.routes = routes.map { route in
            var route = route
            if route.methods.contains(HTTPRequest.Method.get) { route.methods.insert(HTTPRequest.Method.head) }
            return route
        }
    }

    package func respond(to request: Request, context: Context) async throws -> Response {
        let response = try await inner.respond(to: request, context: context)
        guard response.status == .notFound, let allowed = allowedMethods(path: request.uri.path),
            !allowed.contains(request.method)
        else { return response }
        let allow = allowed.map(\.rawValue).sorted().joined(separator: ", ")
        return Response(
            status: .methodNotAllowed,
            headers: [.allow: allow, .contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(
                byteBuffer: ByteBuffer(
                    string: "\(request.method) is not allowed on \(request.uri.path) (allowed: \(allow))\n")))
    }

    /// The methods of the route whose path matches `path`, or `nil` when none does.
    func allowedMethods(path: String) -> Set<HTTPRequest.Method>? {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        let matching = routes.filter { route in
            var remaining = components[...]
            for element in route.path {
                if element == .recursiveWildcard { return true }
                guard let component = remaining.popFirst(), element ~= component else { return false }
            }
            return remaining.isEmpty
        }
        guard !matching.isEmpty else { return nil }
        return matching.reduce(into: Set()) { $0.formUnion($1.methods) }
    }
}
