public import Hummingbird
import Logging
import ServiceLifecycle

/// Runs a Hummingbird application for the length of a test body, then shuts it down gracefully.
///
/// Cancelling the serving task instead can trap in SwiftNIO ("Deinited NIOAsyncWriter without calling finish()")
/// when a connection was accepted but not yet served (apple/swift-nio#3481, where the maintainers advise a graceful
/// shutdown); a graceful shutdown serves or closes every connection first.
public enum ServedApplication {
    /// Runs the application `makeApplication` builds until `body` returns or throws, then shuts it down gracefully
    /// and waits for it to stop.
    /// - Parameters:
    ///   - makeApplication: builds the application from the callback it must call with its bound port.
    ///   - body: receives the bound port.
    /// - Returns: what `body` returns.
    /// - Throws: ``FixtureError`` when the server stops before listening; what `body` or the server throws.
    public static func serve<T, App: ApplicationProtocol>(
        _ makeApplication: (@escaping @Sendable (Int) async -> Void) -> App, _ body: (Int) async throws -> T
    ) async throws -> T {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = makeApplication { continuation.yield($0) }
        let group = ServiceGroup(
            configuration: .init(
                services: [app], gracefulShutdownSignals: [], logger: Logger(label: "sibyl-test-server")))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { continuation.finish() }
                try await group.run()
            }
            let result: Result<T, any Error>
            var iterator = ports.makeAsyncIterator()
            if let port = await iterator.next() {
                do { result = .success(try await body(port)) } catch { result = .failure(error) }
            } else {
                result = .failure(FixtureError("the server stopped before listening"))
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return try result.get()
        }
    }

    /// Serves `router` on a free loopback port until `body` returns or throws.
    /// - Parameters:
    ///   - router: the routes.
    ///   - body: receives the bound port.
    /// - Returns: what `body` returns.
    /// - Throws: what ``serve(_:_:)`` throws.
    public static func serve<T>(
        router: Router<BasicRequestContext>, _ body: (Int) async throws -> T
    ) async throws -> T {
        try await serve(
            { onServerRunning in
                Application(
                    router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                    onServerRunning: { await onServerRunning($0.localAddress?.port ?? 0) })
            }, body)
    }
}
