import Hummingbird
import NIOCore
import SibylTestSupport
import SibylWire
import Synchronization

/// An in-process remote-read endpoint (STREAMED_XOR_CHUNKS) whose series are made up per query: one sample every
/// 5 s of the query's range, valued by each series' function of the time. Switched off, it answers 503, as a
/// source behind a load balancer does while it is down.
final class SwitchableSource: Sendable {
    /// One served series.
    struct Series: Sendable {
        /// Its labels, sorted.
        var labels: [Label]
        /// Its value at a time in milliseconds.
        var value: @Sendable (Int64) -> Double
    }

    let series: [Series]
    private let up = Mutex(true)

    init(_ series: [Series]) {
        self.series = series
    }

    /// Whether reads are answered.
    var isUp: Bool {
        get { up.withLock { $0 } }
        set { up.withLock { $0 = newValue } }
    }

    /// The response body for `request`'s queries.
    func answer(_ request: RemoteReadRequest) -> [UInt8] {
        var out: [UInt8] = []
        for (index, query) in request.queries.enumerated() {
            let selector = SeriesSelector(query.matchers).compiled()
            let first = (query.start + 4999) / 5000 * 5000
            let times = Array(stride(from: first, through: query.end, by: 5000))
            let matching = series.filter { selector.matches($0.labels) }.map { one in
                TimeSeries(labels: one.labels, samples: times.map { Sample(timestamp: $0, value: one.value($0)) })
            }
            out += StreamedResponseEncoder.encode(matching.filter { !$0.samples.isEmpty }, queryIndex: index)
        }
        return out
    }

    /// Serves `series` on a free loopback port until `body` returns.
    /// - Parameter body: receives the source and its remote-read URL.
    static func with<T>(_ series: [Series], _ body: (SwitchableSource, String) async throws -> T) async throws -> T {
        let source = SwitchableSource(series)
        let router = Router()
        router.post("/api/v1/read") { request, _ -> Response in
            guard source.isUp else {
                return Response(status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: "down\n")))
            }
            let bytes = try await request.body.collect(upTo: 1 << 20)
            let read = try RemoteReadRequest(decoding: [UInt8](buffer: bytes))
            return Response(
                status: .ok, headers: [.contentType: RemoteReadResponseType.streamedContentType],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: source.answer(read))))
        }
        return try await ServedApplication.serve(
            { onServerRunning in
                Application(
                    router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                    onServerRunning: { await onServerRunning($0.localAddress?.port ?? 0) })
            }, { port in try await body(source, "http://127.0.0.1:\(port)/api/v1/read") })
    }
}
