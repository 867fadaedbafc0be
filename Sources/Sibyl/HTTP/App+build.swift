import HTTPTypes
package import Hummingbird
import HummingbirdCore
import HummingbirdTLS
package import Logging
import NIOCore
package import ServiceLifecycle
import SibylWire

/// Builds Sibyl's application: the HTTP routes and, in the same service group, `services` (the evaluation loop).
///
/// Routes: the telemetry path serves the published exposition in the format the scraper's `Accept` header prefers
/// (``ExpositionFormat/negotiate(accept:)``), gzip-compressed when its `Accept-Encoding` allows; `/docs` the reference (``ReferencePage``);
/// `/-/healthy` answers 200 while the process runs; `/-/ready` answers 200 once a first cycle has succeeded, 503
/// with the reason before and while the results are stale; with `objectives`, the objectives' JSON API under
/// `/api/v1/` (see ``ObjectivesAPI``); with `status`, the status page on `/`; with `results`, the archive's query
/// API (see ``QueryAPI``); with `remoteRead`, `POST /api/v1/read` over the archive (see ``RemoteReadAPI``).
/// - Parameters:
///   - server: where to listen.
///   - publisher: the exposition to serve.
///   - services: services to run beside the server, in dependency order.
///   - objectives: the objectives' API, if served.
///   - status: takes the status page's snapshot, if the page is served.
///   - results: the archive whose series, results and evaluations `/api/v1/` serves, if any.
///   - queryTimeout: how long one call of the JSON API may read the archive.
///   - remoteRead: the remote-read endpoint over the archive, if served.
///   - onServerRunning: called with the bound port once the server listens.
/// - Returns: the application; `runService()` runs it until SIGTERM or SIGINT.
package func buildApplication(
    server: ServerConfiguration, publisher: ExpositionPublisher, services: [any Service],
    objectives: ObjectivesAPI? = nil, status: (@Sendable () -> StatusSnapshot)? = nil, results: ResultStore? = nil,
    queryTimeout: Duration = RequestDeadline.requestTimeout, remoteRead: RemoteReadAPI? = nil, logger: Logger,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let router = Router(context: SibylRequestContext.self, options: .autoGenerateHeadEndpoints)
    // Before the routes: Hummingbird wraps each route in the middleware present when it is added.
    if let security = server.webSecurity { router.add(middleware: WebSecurityMiddleware(security: security)) }
    router.get(RouterPath(server.telemetryPath)) { request, _ -> Response in
        let format = ExpositionFormat.negotiate(accept: request.headers[.accept])
        let body = publisher.body(
            for: format, gzip: ExpositionFormat.acceptsGzip(request.headers[.acceptEncoding]))
        var headers: HTTPFields = [.contentType: format.contentType, .vary: "Accept, Accept-Encoding"]
        if body.gzipped { headers[.contentEncoding] = "gzip" }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body.bytes)))
    }
    router.get("/-/healthy") { _, _ -> Response in
        Response(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: "Sibyl is Healthy.\n")))
    }
    router.get("/-/ready") { _, _ -> Response in
        let reason = publisher.notReadyReason
        let text = reason.map { "Service Unavailable: \($0)\n" } ?? "Sibyl is Ready.\n"
        return Response(
            status: reason == nil ? .ok : .serviceUnavailable,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }
    if let objectives { router.addObjectivesRoutes(objectives) }
    if let status { router.addStatusRoute(status) }
    router.get("/docs") { _, _ -> Response in
        Response(
            status: .ok,
            headers: [.contentType: StatusPage.contentType],
            body: ResponseBody(
                byteBuffer: ByteBuffer(
                    string: ReferencePage(exposition: publisher.body, telemetryPath: server.telemetryPath).render())))
    }
    if let results { router.addQueryRoutes(results, timeout: queryTimeout) }
    if let remoteRead { router.addRemoteReadRoute(remoteRead) }
    let (seconds, attoseconds) = server.idleTimeout.components
    let connections = OpenConnections(limit: server.connectionLimit)
    let http1 = HTTP1Channel.Configuration(
        additionalChannelHandlers: [ConnectionTracker(connections: connections)],
        idleTimeout: .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
    var builder = HTTPServerBuilder.http1(configuration: http1)
    var services = services
    if let security = server.webSecurity {
        services.append(WebSecurityReloader(security: security))
        if let tls = security.tlsConfiguration() {
            // `tls` only wraps the builder (its context is made per server start); should that ever fail, no
            // connection is served rather than one in plain HTTP.
            builder =
                (try? HTTPServerBuilder.tls(.http1(configuration: http1), tlsConfiguration: tls))
                ?? HTTPServerBuilder { _ in throw TLSUnavailable() }
        }
    }
    return Application(
        responder: MethodNotAllowedResponder(router: router),
        server: builder,
        configuration: ApplicationConfiguration(
            address: .hostname(server.host, port: server.port), serverName: "Sibyl",
            availableConnectionsDelegate: MaximumAvailableConnections(server.connectionLimit)),
        services: services,
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? server.port) },
        logger: logger
    )
}

/// The TLS server could not be set up.
struct TLSUnavailable: Error {}
