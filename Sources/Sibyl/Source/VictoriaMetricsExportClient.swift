package import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
package import SibylWire

/// Reads VictoriaMetrics, which has no remote read, through its export API (`source.type: victoriametrics`):
/// one `POST <url>/api/v1/export` per query, with `match[]` (the query's matchers as PromQL selector text),
/// `start` and `end`, answered in JSON lines that are decoded as they arrive (``ExportResponseDecoder``).
///
/// The URL is the base the API hangs from: `http://victoria-metrics:8428` for a single node, and
/// `http://vmselect:8481/select/<tenant>/prometheus` for the cluster version, whose tenant is in the path.
/// Each query is one request, so a series two queries match comes once per query, as remote read answers.
package struct VictoriaMetricsExportClient: SeriesSource {
    /// Where and how to read.
    package struct Configuration: Sendable {
        /// The base URL, without `/api/v1/export`.
        package var url: String
        /// The deadline of each request, headers and body.
        package var timeout: Duration
        /// The longest line accepted, in bytes.
        package var lineLimit: Int
        /// What one series, and the whole read, may hold; a series over a limit is dropped and counted.
        package var limits: SeriesLimits
        /// Extra headers and credentials (TLS is the HTTP client's, see ``SourceHTTPClients``).
        package var client = HTTPClientSettings()

        /// Creates a configuration.
        /// - Parameters:
        ///   - url: the base URL.
        ///   - timeout: the deadline of each request.
        ///   - lineLimit: the longest line accepted.
        ///   - limits: what one series and the whole read may hold.
        package init(
            url: String, timeout: Duration = .seconds(30), lineLimit: Int = ChunkedFrameReader.defaultFrameLimit,
            limits: SeriesLimits = SeriesLimits()
        ) {
            self.url = url
            self.timeout = timeout
            self.lineLimit = lineLimit
            self.limits = limits
        }

        /// The export endpoint: `/api/v1/export` appended to the URL's path, its query (`extra_label=…`, which
        /// VictoriaMetrics reads beside the form) kept.
        package var exportURL: String {
            guard var components = URLComponents(string: url) else { return url + "/api/v1/export" }
            var path = components.percentEncodedPath
            while path.hasSuffix("/") { path.removeLast() }
            components.percentEncodedPath = path + "/api/v1/export"
            return components.string ?? url + "/api/v1/export"
        }
    }

    /// The configuration.
    package let configuration: Configuration
    private let httpClient: HTTPClient

    /// Creates a client.
    /// - Parameters:
    ///   - configuration: where and how to read.
    ///   - httpClient: the HTTP client (its owner shuts it down).
    package init(configuration: Configuration, httpClient: HTTPClient = RemoteReadClient.defaultHTTPClient) {
        self.configuration = configuration
        self.httpClient = httpClient
    }

    package func readSeries(
        _ queries: [RemoteReadQuery], onDropped: (StreamedResponseDecoder.DroppedSeries) -> Void,
        onSeries: (StreamedResponseDecoder.Series) throws -> Void
    ) async throws -> SourceReadSummary {
        var summary = SourceReadSummary()
        var samplesRead = 0
        for (index, query) in queries.enumerated() {
            var decoder = ExportResponseDecoder(
                query: query, queryIndex: index, lineLimit: configuration.lineLimit, limits: configuration.limits,
                samplesRead: samplesRead)
            try await read(query, into: &decoder, summary: &summary, onDropped: onDropped, onSeries: onSeries)
            samplesRead = decoder.samplesRead
            for (reason, count) in decoder.dropped { summary.dropped[reason.rawValue, default: 0] += count }
        }
        return summary
    }

    /// The request of one query. Its range is widened by a millisecond on each side, because VictoriaMetrics
    /// turns seconds into milliseconds by truncation; the decoder clips to the exact range.
    func request(for query: RemoteReadQuery) throws -> HTTPClientRequest {
        var request = HTTPClientRequest(url: configuration.exportURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        try SourceExchange.addHeaders(configuration.client, to: &request)
        let form = [
            ("match[]", SeriesSelector(query.matchers).description),
            ("start", Self.seconds(query.start - 1)), ("end", Self.seconds(query.end + 1)),
        ]
        let body = form.map { "\(Self.formEncoded($0.0))=\(Self.formEncoded($0.1))" }.joined(separator: "&")
        request.body = .bytes(ByteBuffer(string: body))
        return request
    }

    private func read(
        _ query: RemoteReadQuery, into decoder: inout ExportResponseDecoder, summary: inout SourceReadSummary,
        onDropped: (StreamedResponseDecoder.DroppedSeries) -> Void,
        onSeries: (StreamedResponseDecoder.Series) throws -> Void
    ) async throws {
        let request = try request(for: query)
        try await SourceExchange.run(timeout: configuration.timeout) {
            [httpClient, configuration] (handoff: BodyHandoff<ByteBuffer>) in
            await Self.receive(request, httpClient: httpClient, configuration: configuration, into: handoff)
        } decode: { handoff in
            // The first error `onSeries` throws ends the read.
            var failure: (any Error)?
            func handle(_ outcome: StreamedResponseDecoder.Outcome) {
                guard failure == nil else { return }
                switch outcome {
                case .series(let series):
                    summary.series += 1
                    summary.samples += series.series.samples.count
                    do { try onSeries(series) } catch { failure = error }
                case .dropped(let series): onDropped(series)
                }
            }
            do {
                while let buffer = try await handoff.next() {
                    summary.bytes += buffer.readableBytes
                    try decoder.append(buffer.readableBytesView, onOutcome: handle)
                    if let failure { throw failure }
                }
                try decoder.finish(onOutcome: handle)
                if let failure { throw failure }
            } catch let error as WireError {
                throw RemoteReadError.wire(error)
            }
        }
    }

    /// The network side: sends the request and hands the body over, then ends `handoff` with how the exchange ended.
    private static func receive(
        _ request: HTTPClientRequest, httpClient: HTTPClient, configuration: Configuration,
        into handoff: BodyHandoff<ByteBuffer>
    ) async {
        do {
            let response = try await SourceExchange.execute(
                request, httpClient: httpClient, timeout: configuration.timeout)
            for try await buffer in response.body { await handoff.send(buffer) }
            handoff.finish(.success(()))
        } catch {
            handoff.finish(
                .failure(SourceExchange.failure(error, timeout: configuration.timeout, url: configuration.url)))
        }
    }

    /// Milliseconds as decimal seconds with three decimals (`1700000000.123`), as the export API takes them.
    static func seconds(_ milliseconds: Int64) -> String {
        let clamped = max(milliseconds, 0)
        let fraction = String(clamped % 1000)
        return "\(clamped / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// `text` percent-encoded for an `application/x-www-form-urlencoded` body.
    static func formEncoded(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
