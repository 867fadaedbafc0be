import Hummingbird
import NIOCore
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

/// A source that sends series Sibyl cannot keep: the cycle succeeds with the others, and each drop is counted.
struct EvaluationStateDropTests {
    typealias Crafted = CraftedChunkedResponse

    /// Runs `body` with a source that answers every read with `response`, of type `contentType`.
    static func withSource<T>(
        _ response: [UInt8], contentType: String = RemoteReadResponseType.streamedContentType,
        _ body: (String) async throws -> T
    ) async throws -> T {
        let router = Router()
        router.post("/api/v1/read") { _, _ in
            Response(
                status: .ok, headers: [.contentType: contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: response)))
        }
        return try await ServedApplication.serve(
            { onServerRunning in
                Application(
                    router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                    onServerRunning: { await onServerRunning($0.localAddress?.port ?? 0) })
            }, { port in try await body("http://127.0.0.1:\(port)/api/v1/read") })
    }

    static func series(_ labels: [[UInt8]]) throws -> [UInt8] {
        let samples = (0..<10).map { Sample(timestamp: 990_000 + Int64($0) * 1000, value: Double($0)) }
        return Crafted.series(labels: labels, chunks: [try Crafted.chunk(samples)])
    }

    @Test("bad UTF-8, unexposable or alike-escaping names, too many labels drop their series; the cycle succeeds")
    func dropsAreCounted() async throws {
        let response = Crafted.frame([
            try Self.series([Crafted.label("__name__", "good"), Crafted.label("job", "x")]),
            try Self.series([Crafted.label("__name__", "utf8"), Crafted.label(Array("job".utf8), [0xff])]),
            try Self.series([Crafted.label("__name__", "dotted"), Crafted.label("my.label", "x")]),
            // `._x` escapes to the reserved `__x`: no exposition can carry it.
            try Self.series([Crafted.label("__name__", "reserved"), Crafted.label("._x", "x")]),
            try Self.series([Crafted.label("__name__", "twins"), Crafted.label("a.b", "x"), Crafted.label("a_b", "y")]),
            try Self.series([Crafted.label("__name__", "wide")] + (0..<1001).map { Crafted.label("l\($0)", "v") }),
        ])
        try await Self.withSource(response) { url in
            var state = EvaluationState(configuration: .init(selectors: [[]], windows: [3_600_000]))
            let before = try ExpositionWriter().renderString(state.metrics.families())
            for reason in ["invalid_utf8", "invalid_label_name", "too_many_labels", "label_bytes", "too_many_samples"] {
                #expect(before.contains("sibyl_series_dropped_total{reason=\"\(reason)\"} 0\n"), "\(reason)")
            }
            let client = RemoteReadClient(configuration: .init(url: url))
            #expect(await state.runCycle(at: 1_000_000, client: client) == .succeeded)
            #expect(state.store.count == 2)
            #expect(state.metrics.dropped["invalid_utf8"] == 1)
            #expect(state.metrics.dropped["invalid_label_name"] == 1)
            #expect(state.metrics.dropped["label_collision"] == 1)
            #expect(state.newNameCollisions.map { $0.first { $0.name == "__name__" }?.value } == ["twins"])
            #expect(state.metrics.dropped["too_many_labels"] == 1)
            #expect(state.metrics.sourceUp)
        }
    }

    @Test("a SAMPLES response is held to the same limits: a series over one is dropped and counted")
    func samplesLimits() async throws {
        let samples = (0..<10).map { Sample(timestamp: 990_000 + Int64($0) * 1000, value: Double($0)) }
        let response = SamplesResponseDecoder.encode([
            [
                TimeSeries(labels: [Label("__name__", "good")], samples: samples),
                TimeSeries(
                    labels: [Label("__name__", "wide")] + (0..<1001).map { Label("l\($0)", "v") }, samples: samples),
                TimeSeries(
                    labels: [Label("__name__", "long")],
                    samples: samples
                        + samples.map {
                            Sample(timestamp: $0.timestamp + 10_000, value: $0.value)
                        }),
            ]
        ])
        try await Self.withSource(response, contentType: RemoteReadResponseType.samplesContentType) { url in
            var state = EvaluationState(configuration: .init(selectors: [[]], windows: [3_600_000]))
            let client = RemoteReadClient(
                configuration: .init(
                    url: url, acceptedResponseTypes: [.samples], limits: SeriesLimits(samplesPerSeries: 15)))
            #expect(await state.runCycle(at: 1_000_000, client: client) == .succeeded)
            #expect(state.store.count == 1)
            #expect(state.metrics.dropped["too_many_labels"] == 1)
            #expect(state.metrics.dropped["too_many_samples"] == 1)
        }
    }
}
