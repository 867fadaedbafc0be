import HTTPTypes
import Hummingbird
import NIOCore
import SibylTestSupport
import SibylWire
import Synchronization

/// An in-process remote-write receiver for the faults a real store cannot be made to show on demand: it answers
/// the scripted answers first, then as its ``Kind`` does, and keeps every request.
final class RemoteWriteReceiver: Sendable {
    /// How the receiver answers once the script is used up.
    enum Kind: Sendable {
        /// A 2.0 receiver: 204 with the `X-Prometheus-Remote-Write-*-Written` headers for 2.0, 204 for 1.0.
        case v2
        /// A 1.0 receiver that checks the content type: 415 for 2.0.
        case v1Strict
        /// A 1.0 receiver that ignores the content type: 204 without headers, storing nothing from a 2.0 body.
        case v1Lenient
    }

    /// One scripted answer.
    struct Answer: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields = [:]
        var body = ""
    }

    /// One request as received.
    struct Request: Sendable {
        var v2: Bool
        var version: String?
        var status: Int
        var series: [RemoteWriteSeries]
    }

    let kind: Kind
    private let state: Mutex<(script: [Answer], requests: [Request], up: Bool)>

    init(kind: Kind, script: [Answer]) {
        self.kind = kind
        state = Mutex((script, [], true))
    }

    /// Whether the receiver accepts (when down it answers 503).
    var isUp: Bool {
        get { state.withLock { $0.up } }
        set { state.withLock { $0.up = newValue } }
    }

    /// Every request so far.
    var requests: [Request] { state.withLock { $0.requests } }

    /// The samples the receiver stored, each with its series' labels, in the order they arrived.
    var stored: [(labels: [Label], sample: Sample)] {
        requests.filter { (200..<300).contains($0.status) && ($0.v2 ? kind == .v2 : true) }.flatMap { request in
            request.series.flatMap { series in series.samples.map { (series.labels, $0) } }
        }
    }

    private func answer(_ bytes: [UInt8], contentType: String?, version: String?) -> Answer {
        let v2 = contentType?.contains("io.prometheus.write.v2.Request") ?? false
        let series: [RemoteWriteSeries]
        if v2 {
            series = (try? RemoteWriteBody.decodeV2(bytes)) ?? []
        } else {
            series =
                ((try? RemoteWriteRequest(decoding: bytes))?.series ?? []).map {
                    RemoteWriteSeries(
                        labels: $0.labels, samples: $0.samples,
                        metadata: RemoteWriteSeries.Metadata(kind: .untyped, help: "", unit: ""))
                }
        }
        return state.withLock { state in
            var answer: Answer
            if !state.script.isEmpty {
                answer = state.script.removeFirst()
            } else if !state.up {
                answer = Answer(status: .serviceUnavailable, body: "down")
            } else {
                switch (kind, v2) {
                case (.v1Strict, true): answer = Answer(status: .unsupportedMediaType, body: "1.0 only")
                case (.v2, true):
                    let count = series.reduce(0) { $0 + $1.samples.count }
                    answer = Answer(status: .noContent)
                    if let name = HTTPField.Name("X-Prometheus-Remote-Write-Samples-Written") {
                        answer.headers[name] = "\(count)"
                    }
                default: answer = Answer(status: .noContent)
                }
            }
            state.requests.append(Request(v2: v2, version: version, status: answer.status.code, series: series))
            return answer
        }
    }

    /// Serves a receiver at `/api/v1/write` on a free loopback port until `body` returns.
    /// - Parameter body: receives the receiver and its URL.
    static func with<T>(
        kind: Kind = .v2, script: [Answer] = [], _ body: (RemoteWriteReceiver, String) async throws -> T
    ) async throws -> T {
        let receiver = RemoteWriteReceiver(kind: kind, script: script)
        let router = Router()
        router.post("/api/v1/write") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 16 << 20)
            let version = HTTPField.Name("X-Prometheus-Remote-Write-Version").flatMap { request.headers[$0] }
            let answer = receiver.answer(
                [UInt8](buffer: bytes), contentType: request.headers[.contentType], version: version)
            return Response(
                status: answer.status, headers: answer.headers,
                body: ResponseBody(byteBuffer: ByteBuffer(string: answer.body)))
        }
        return try await ServedApplication.serve(
            { onServerRunning in
                Application(
                    router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                    onServerRunning: { await onServerRunning($0.localAddress?.port ?? 0) })
            }, { port in try await body(receiver, "http://127.0.0.1:\(port)/api/v1/write") })
    }
}
