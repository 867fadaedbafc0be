import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import SibylTestSupport
import SibylWire
import Synchronization
import Testing

@testable import Sibyl

/// A flag the test sets and the slow handlers poll.
private final class Flag: Sendable {
    private let value = Atomic(false)
    var isSet: Bool { value.load(ordering: .relaxed) }
    func set() { value.store(true, ordering: .relaxed) }
}

/// Sources that misbehave after their headers: the read's timeout covers the body, a redirect is reported, and a
/// shutdown ends a stalled read.
struct RemoteReadClientTimeoutTests {
    static let query = RemoteReadQuery(start: 1, end: 1_000_000, matchers: [LabelMatcher("job", .equal, "x")])

    /// Frames of one series, to send slowly.
    static let frames = StreamedResponseEncoder.encode(
        [
            TimeSeries(
                labels: [Label("__name__", "x"), Label("job", "x")],
                samples: (0..<100).map { Sample(timestamp: Int64($0) * 5000 + 1, value: Double($0)) })
        ], queryIndex: 0)

    /// Runs `body` with a source whose `/stall` sends its headers and then nothing, `/trickle` one byte a second
    /// and `/redirect` a 307; `requests` yields each request's path as it arrives. The slow handlers end once
    /// `body` has returned, so the server's graceful shutdown does not wait for them.
    static func withSlowSource<T>(
        _ body: (_ baseURL: String, _ requests: AsyncStream<String>) async throws -> T
    ) async throws -> T {
        let done = Flag()
        let (requests, arrived) = AsyncStream<String>.makeStream()
        let router = Router()
        let headers: HTTPFields = [.contentType: RemoteReadResponseType.streamedContentType]
        router.post("/stall") { _, _ in
            arrived.yield("stall")
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(bytes: frames.prefix(1)))
                    for _ in 0..<2400 where !done.isSet {  // 120 s, or until the test ends
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    try await writer.finish(nil)
                })
        }
        router.post("/trickle") { _, _ in
            arrived.yield("trickle")
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody { writer in
                    for byte in frames where !done.isSet {
                        try await writer.write(ByteBuffer(bytes: [byte]))
                        try await Task.sleep(for: .seconds(1))
                    }
                    try await writer.finish(nil)
                })
        }
        router.post("/redirect") { _, _ in
            Response(status: .temporaryRedirect, headers: [.location: "/elsewhere"])
        }
        router.post("/elsewhere") { _, _ in
            Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: frames)))
        }
        return try await ServedApplication.serve(
            { onServerRunning in
                Application(
                    router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                    onServerRunning: { await onServerRunning($0.localAddress?.port ?? 0) })
            },
            { port in
                defer { done.set() }
                return try await body("http://127.0.0.1:\(port)", requests)
            })
    }

    /// The reason `client` fails with and how long it took.
    static func failure(of client: RemoteReadClient) async -> (reason: String?, seconds: Double) {
        let clock = ContinuousClock()
        let started = clock.now
        var reason: String?
        do {
            _ = try await client.read([query])
        } catch {
            reason = (error as? RemoteReadError)?.shortDescription ?? "\(error)"
        }
        let elapsed = clock.now - started
        return (reason, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    @Test("a source that stalls or trickles after its headers fails the read as timeout, within about the timeout")
    func stallAndTrickleTimeOut() async throws {
        try await Self.withSlowSource { base, _ in
            for path in ["stall", "trickle"] {
                let client = RemoteReadClient(configuration: .init(url: "\(base)/\(path)", timeout: .seconds(1)))
                let (reason, seconds) = await Self.failure(of: client)
                #expect(reason == "timeout", "\(path)")
                #expect(seconds < 120, "\(path): took \(seconds) s; without a timeout over the body it never ends")
            }
        }
    }

    @Test("a stalled read fails the cycle as timeout, counted from 0, and marks the source down")
    func stallFailsTheCycle() async throws {
        try await Self.withSlowSource { base, _ in
            var state = EvaluationState(
                configuration: .init(selectors: [[LabelMatcher("job", .equal, "x")]], windows: [3_600_000]))
            let client = RemoteReadClient(configuration: .init(url: "\(base)/stall", timeout: .seconds(1)))
            #expect(await state.runCycle(at: 1_000_000, client: client) == .failed(reason: "timeout"))
            #expect(state.metrics.failures["timeout"] == 1)
            #expect(!state.metrics.sourceUp)
        }
    }

    @Test("a redirect is reported as redirect, not followed")
    func redirectIsNotFollowed() async throws {
        try await Self.withSlowSource { base, _ in
            // A redirect answers at once; the timeout only bounds a loaded machine.
            let client = RemoteReadClient(configuration: .init(url: "\(base)/redirect", timeout: .seconds(60)))
            let (reason, _) = await Self.failure(of: client)
            #expect(reason == "redirect")
        }
    }

    @Test("timeout and redirect are bounded reasons: their failure counters start at 0")
    func reasonsStartAtZero() {
        #expect(RemoteReadError.boundedReasons.contains("timeout"))
        #expect(RemoteReadError.boundedReasons.contains("redirect"))
        let text = (try? ExpositionWriter().renderString(SelfMetrics().families())) ?? ""
        #expect(text.contains("sibyl_evaluation_failures_total{reason=\"timeout\"} 0\n"))
        #expect(text.contains("sibyl_evaluation_failures_total{reason=\"redirect\"} 0\n"))
    }

    @Test("a graceful shutdown during a stalled read ends the evaluation loop promptly")
    func shutdownEndsAStalledRead() async throws {
        try await Self.withSlowSource { base, requests in
            let scheduler = EvaluationScheduler(
                configuration: .init(selectors: [[LabelMatcher("job", .equal, "x")]], windows: [3_600_000]),
                interval: .seconds(3600),
                client: RemoteReadClient(configuration: .init(url: "\(base)/stall", timeout: .seconds(600))),
                board: ExpositionBoard(publisher: ExpositionPublisher()), logger: Logger(label: "test"),
                now: { 1_000_000 })
            let group = ServiceGroup(
                configuration: .init(services: [scheduler], gracefulShutdownSignals: [], logger: Logger(label: "test")))
            let ended = try await withThrowingTaskGroup(of: Bool.self) { tasks in
                tasks.addTask {
                    try await group.run()
                    return true
                }
                var arrivals = requests.makeAsyncIterator()
                _ = await arrivals.next()  // the read is in flight, stalled after the headers
                try await Task.sleep(for: .milliseconds(200))
                await group.triggerGracefulShutdown()
                // Without the shutdown the read would last the source's 120 s stall (the timeout is 600 s); the
                // bound is loose so that a loaded machine does not fail it.
                tasks.addTask {
                    try await Task.sleep(for: .seconds(60))
                    return false
                }
                let first = try await tasks.next() ?? false
                tasks.cancelAll()
                return first
            }
            #expect(ended, "the loop was still reading 60 s after shutdown began")
        }
    }
}
