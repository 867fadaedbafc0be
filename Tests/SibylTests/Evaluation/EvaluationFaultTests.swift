import Foundation
import Hummingbird
import NIOCore
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

/// Faults a real Prometheus cannot be made to show, served by a small HTTP server of the test's own.
@Suite(.enabled(if: TestBinaries.runnable(.prometheus, .promtool)))
struct EvaluationFaultTests {
    static let configuration = EvaluationState.Configuration(
        selectors: [[LabelMatcher("job", .equal, "fixture")]], windows: ServiceFixture.windows)

    /// Runs `body` with a server whose `/500`, `/garbage` and `/truncated` paths answer remote reads wrongly.
    static func withFaultServer<T>(_ body: (Int) async throws -> T) async throws -> T {
        let frames = StreamedResponseEncoder.encode(
            [
                TimeSeries(
                    labels: [Label("__name__", "x"), Label("job", "fixture")],
                    samples: (0..<500).map { Sample(timestamp: Int64($0) * 5000, value: Double($0)) })
            ],
            queryIndex: 0)
        let streamed = RemoteReadResponseType.streamedContentType
        let router = Router()
        router.post("/500") { _, _ in
            Response(status: .internalServerError, body: .init(byteBuffer: ByteBuffer(string: "boom\n")))
        }
        router.post("/garbage") { _, _ in
            Response(
                status: .ok, headers: [.contentType: streamed],
                body: .init(byteBuffer: ByteBuffer(string: "this is not a frame stream at all")))
        }
        router.post("/truncated") { _, _ in
            Response(
                status: .ok, headers: [.contentType: streamed],
                body: .init(byteBuffer: ByteBuffer(bytes: frames.prefix(frames.count - 7))))
        }
        return try await ServedApplication.serve(
            { onServerRunning in
                Application(
                    router: router,
                    configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
                    onServerRunning: { await onServerRunning($0.localAddress?.port ?? 0) })
            }
        ) { port in
            try await body(port)
        }
    }

    @Test("500, garbage and a truncated stream fail the cycle with a counted reason; the last results stay")
    func faultsKeepTheLastResults() async throws {
        let time = ServiceFixture.evaluationTime()
        try await ServiceFixture.withPrometheus(at: time) { prometheus in
            var state = EvaluationState(configuration: Self.configuration)
            let good = RemoteReadClient(configuration: .init(url: prometheus.remoteReadURL))
            #expect(await state.runCycle(at: time, client: good) == .succeeded)
            let served = state.derivedFamilies.map(\.samples.count)
            #expect(served.reduce(0, +) > 0)
            try await Self.withFaultServer { port in
                for (path, reason) in [("500", "http_500"), ("garbage", nil), ("truncated", "truncated")] {
                    let bad = RemoteReadClient(configuration: .init(url: "http://127.0.0.1:\(port)/\(path)"))
                    let outcome = await state.runCycle(at: time + 60_000, client: bad)
                    guard case .failed(let got) = outcome else {
                        Issue.record("\(path): the cycle did not fail")
                        continue
                    }
                    if let reason { #expect(got == reason, "\(path)") }
                    #expect(state.metrics.failures[got] ?? 0 >= 1)
                    #expect(!state.metrics.sourceUp)
                    #expect(state.derivedFamilies.map(\.samples.count) == served, "\(path): results changed")
                }
            }
            let text = String(decoding: try state.render(), as: UTF8.self)
            #expect(text.contains("sibyl_evaluation_failures_total{reason=\"http_500\"} 1\n"))
            #expect(text.contains("sibyl_window_max{"))
            // The source comes back: the next cycle succeeds.
            #expect(await state.runCycle(at: time + 120_000, client: good) == .succeeded)
            #expect(state.metrics.sourceUp)
        }
    }

    @Test("a source that is down at start and appears later is read by the next cycle, without a restart")
    func sourceAppearsLater() async throws {
        let time = ServiceFixture.evaluationTime()
        let port = try FreePort.next()
        var state = EvaluationState(configuration: Self.configuration)
        let client = RemoteReadClient(
            configuration: .init(url: "http://127.0.0.1:\(port)/api/v1/read", timeout: .seconds(120)))
        #expect(await state.runCycle(at: time, client: client) == .failed(reason: "unreachable"))
        try await ServiceFixture.withPrometheus(at: time, port: port) { _ in
            #expect(await state.runCycle(at: time, client: client) == .succeeded)
            #expect(state.store.count == 6)
            #expect(state.metrics.sourceUp)
        }
    }
}
