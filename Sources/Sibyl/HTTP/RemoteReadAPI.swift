package import Hummingbird
import NIOCore
import SibylWire

/// `POST /api/v1/read`: Prometheus' remote-read protocol over the archive, so that a Prometheus with a
/// `remote_read` entry for Sibyl queries the derived series of past cycles as if they were its own.
///
/// A series is a derived series as `/metrics` showed it (same name and labels), plus each of ``labels`` it lacks
/// (`archive.remote_read.labels`, as a scrape with `honor_labels` adds its target's), its samples the archived values
/// at their cycles' times, bit for bit. The matchers see the labels as answered. The request is a snappy block of a `prometheus.ReadRequest`; the answer is the
/// first response type in `accepted_response_types` (SAMPLES when none is listed):
/// - SAMPLES: one snappy block of a `ReadResponse` (`application/x-protobuf`, `Content-Encoding: snappy`), written
///   series by series (``SamplesResponseWriter``); a request over ``sampleLimit`` samples across its queries is
///   answered 400 `exceeded sample limit (N)`, as Prometheus answers, and one whose answer outgrows
///   ``maxAnswerBytes`` is answered 400 too.
/// - STREAMED_XOR_CHUNKS: CRC-framed `ChunkedReadResponse` messages, one series per frame, XOR chunks of at most
///   120 samples, frames of about ``maxBytesInFrame``; written as the archive is read, a batch of series at a time.
///
/// Bad input is answered 400 with a message naming the problem: a body over ``maximumBodySize`` (or decoding to
/// more than ``maximumDecodedSize``), bad snappy, bad protobuf, an unknown matcher type, a regular expression that
/// does not compile, a query whose start is after its end, more than ``maximumQueries`` queries. A query without
/// matchers selects nothing, as in Prometheus. At most ``concurrencyLimit`` requests are answered at once (a
/// streamed answer holds its slot until it is written); one more is answered 503. A request still reading after
/// ``timeout`` is answered 503 `timeout` (a streamed answer already under way is cut short instead).
package struct RemoteReadAPI: Sendable {
    /// The largest request body read (4 MiB; a real request is a few hundred bytes).
    package static let maximumBodySize = 4 * 1024 * 1024
    /// The largest decompressed request accepted (32 MiB, Prometheus' own).
    package static let maximumDecodedSize = Snappy.defaultDecompressedLimit
    /// The most queries one request may hold (Prometheus sends one per request); each can select every series.
    package static let maximumQueries = 1_000
    /// Samples per XOR chunk of a streamed answer, as Prometheus cuts them.
    package static let samplesPerChunk = 120
    /// About how many samples are read from the archive at once for a streamed answer.
    static let batchSamples = 250_000

    /// The archived cycles.
    package var store: ResultStore
    /// The most samples one request may return in a SAMPLES answer, over all its queries; 0 means no limit.
    package var sampleLimit: Int
    /// The most bytes a SAMPLES answer may take before compression.
    package var maxAnswerBytes: Int
    /// The frame budget of a streamed answer (Prometheus' `--storage.remote.read-max-bytes-in-frame`).
    package var maxBytesInFrame: Int
    /// The requests being answered, at most ``concurrencyLimit`` (0: no limit).
    let gate: ConcurrencyGate
    /// How long one request may read the archive, a streamed answer's writing included.
    package var timeout: Duration
    /// The labels added to every answered series that lacks them.
    package var labels: DefaultLabels

    /// Creates the endpoint.
    /// - Parameters:
    ///   - store: the archived cycles.
    ///   - sampleLimit: the sample limit per query of a SAMPLES answer (0: none).
    ///   - maxBytesInFrame: the frame budget of a streamed answer.
    ///   - timeout: how long one request may read.
    ///   - labels: the labels added to every answered series that lacks them.
    package init(
        store: ResultStore, sampleLimit: Int = WebConfiguration.defaultRemoteReadSampleLimit,
        maxAnswerBytes: Int = 256 * 1024 * 1024, concurrencyLimit: Int = 10,
        maxBytesInFrame: Int = StreamedResponseEncoder.defaultMaxBytesInFrame,
        timeout: Duration = RequestDeadline.requestTimeout, labels: DefaultLabels = .none
    ) {
        self.store = store
        self.sampleLimit = sampleLimit
        self.maxAnswerBytes = maxAnswerBytes
        self.maxBytesInFrame = maxBytesInFrame
        self.gate = ConcurrencyGate(limit: concurrencyLimit)
        self.timeout = timeout
        self.labels = labels
    }

    /// The most requests answered at once (0: no limit).
    package var concurrencyLimit: Int { gate.limit }

    /// The HTTP response to a request body: the answer, or the error's JSON.
    /// - Parameter body: the request body.
    /// - Returns: the response.
    func response(to body: [UInt8]) async -> Response {
        guard gate.enter() else {
            return APIError(
                .serviceUnavailable, "unavailable",
                "\(gate.limit) remote-read requests are being answered, the most at once; retry later"
            ).response()
        }
        var streaming = false
        defer { if !streaming { gate.leave() } }
        do {
            switch try await answer(body) {
            case .samples(let bytes):
                return Response(
                    status: .ok,
                    headers: [.contentType: RemoteReadResponseType.samplesContentType, .contentEncoding: "snappy"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
            case .streamed(let stream):
                streaming = true
                return Response(
                    status: .ok, headers: [.contentType: RemoteReadResponseType.streamedContentType],
                    body: ResponseBody { [gate] writer in
                        defer { gate.leave() }
                        try await stream.write { bytes in try await writer.write(ByteBuffer(bytes: bytes)) }
                        try await writer.finish(nil)
                    })
            }
        } catch {
            return error.response()
        }
    }
}

extension Router {
    /// Adds `POST /api/v1/read` (see ``RemoteReadAPI``).
    /// - Parameter api: the endpoint.
    package func addRemoteReadRoute(_ api: RemoteReadAPI) {
        post("/api/v1/read") { request, _ -> Response in
            let tooLarge = APIError.badData(
                "the request body is larger than \(RemoteReadAPI.maximumBodySize) bytes, the most allowed")
            if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > RemoteReadAPI.maximumBodySize
            {
                return tooLarge.response()
            }
            var request = request
            let buffer: ByteBuffer
            do {
                buffer = try await request.collectBody(upTo: RemoteReadAPI.maximumBodySize)
            } catch is NIOTooManyBytesError {
                return tooLarge.response()
            } catch {
                return APIError.badData("cannot read the request body: \(error)").response()
            }
            return await api.response(to: Array(buffer.readableBytesView))
        }
    }
}
