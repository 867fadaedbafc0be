package import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ServiceLifecycle
package import SibylWire

/// A Prometheus remote-read client (`POST /api/v1/read`) that streams the response.
///
/// With STREAMED_XOR_CHUNKS, series are decoded frame by frame as the body arrives and
/// handed to the caller one at a time, so memory is bounded by the frame limit plus one
/// series, never by the response size. A SAMPLES response is collected up to
/// ``Configuration/samplesBodyLimit`` and decoded at once; its status is checked before
/// decompressing, because Prometheus' error bodies are plain text.
package struct RemoteReadClient: Sendable {
    /// Where and how to read.
    package struct Configuration: Sendable {
        /// The remote-read endpoint, e.g. `http://127.0.0.1:9090/api/v1/read`.
        package var url: String
        /// The whole exchange's deadline.
        package var timeout: Duration
        /// Response types to ask for, preferred first.
        package var acceptedResponseTypes: [RemoteReadResponseType]
        /// The largest SAMPLES body accepted, compressed and decompressed.
        package var samplesBodyLimit: Int
        /// The largest streamed frame accepted.
        package var frameLimit: Int
        /// What one series, and the whole read, may hold; a series over a limit is dropped and counted.
        package var limits: SeriesLimits
        /// Extra headers and credentials (TLS is the HTTP client's, see ``SourceHTTPClients``).
        package var client = HTTPClientSettings()

        /// Creates a configuration.
        /// - Parameters:
        ///   - url: the remote-read endpoint.
        ///   - timeout: the exchange's deadline.
        ///   - acceptedResponseTypes: response types, preferred first.
        ///   - samplesBodyLimit: the largest SAMPLES body accepted.
        ///   - frameLimit: the largest streamed frame accepted.
        ///   - limits: what one series and the whole read may hold.
        package init(
            url: String,
            timeout: Duration = .seconds(30),
            acceptedResponseTypes: [RemoteReadResponseType] = [.streamedXORChunks, .samples],
            samplesBodyLimit: Int = 256 * 1024 * 1024,
            frameLimit: Int = ChunkedFrameReader.defaultFrameLimit, limits: SeriesLimits = SeriesLimits()
        ) {
            self.url = url
            self.timeout = timeout
            self.acceptedResponseTypes = acceptedResponseTypes
            self.samplesBodyLimit = samplesBodyLimit
            self.frameLimit = frameLimit
            self.limits = limits
        }
    }

    /// What one read transferred.
    package struct Summary: Sendable, Hashable {
        /// The response type the server chose.
        package var responseType: RemoteReadResponseType
        /// Body bytes received.
        package var bytes: Int
        /// Series delivered.
        package var series: Int
        /// Samples delivered, float and native histogram.
        package var samples: Int
        /// Series left out for breaking a limit or for a chunk that could not be decoded, by reason
        /// (``SeriesDropReason``'s raw values).
        package var dropped: [String: Int] = [:]
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

    /// What the network side hands to the decoding side: the response type once, then body bytes.
    private enum Received: Sendable {
        case head(RemoteReadResponseType)
        case body(ByteBuffer)
    }

    /// Runs `queries` and hands each series to `onSeries` as soon as it is complete, and each series the response
    /// decoder drops (a limit, a chunk encoding it does not decode, a corrupt chunk) to `onDropped`.
    ///
    /// ``Configuration/timeout`` covers the whole exchange, body included, so a source that stalls or trickles
    /// after its headers fails the read (`timeout`) instead of freezing the loop; a graceful shutdown ends the read
    /// at once, since the next start reads the same range again.
    /// - Parameters:
    ///   - onDropped: called once per dropped series of a streamed response.
    ///   - onSeries: called once per series, in response order.
    /// - Returns: what was transferred.
    /// - Throws: ``RemoteReadError``, or `CancellationError` when the task is cancelled or shutdown begins.
    package func read(
        _ queries: [RemoteReadQuery],
        onDropped: (StreamedResponseDecoder.DroppedSeries) -> Void = { _ in },
        onSeries: (StreamedResponseDecoder.Series) throws -> Void
    ) async throws -> Summary {
        let body = RemoteReadRequest(queries: queries, acceptedResponseTypes: configuration.acceptedResponseTypes)
        var request = HTTPClientRequest(url: configuration.url)
        request.method = .POST
        request.headers.add(name: "Content-Encoding", value: "snappy")
        request.headers.add(name: "Content-Type", value: "application/x-protobuf")
        request.headers.add(name: "Accept-Encoding", value: "snappy")
        request.headers.add(name: "X-Prometheus-Remote-Read-Version", value: "0.1.0")
        try SourceExchange.addHeaders(configuration.client, to: &request)
        request.body = .bytes(ByteBuffer(bytes: body.encoded()))
        return try await SourceExchange.run(timeout: configuration.timeout) {
            [request, httpClient, configuration] (handoff: BodyHandoff<Received>) in
            await Self.receive(request, httpClient: httpClient, configuration: configuration, into: handoff)
        } decode: { handoff in
            try await decode(from: handoff, queries: queries, onDropped: onDropped, onSeries: onSeries)
        }
    }

    /// Runs `queries` and returns every series, per query.
    /// - Returns: per query, its series in response order.
    /// - Throws: ``RemoteReadError``.
    package func read(_ queries: [RemoteReadQuery]) async throws -> [[TimeSeries]] {
        var results = [[TimeSeries]](repeating: [], count: queries.count)
        _ = try await read(queries) { results[$0.queryIndex].append($0.series) }
        return results
    }

    /// The network side: sends the request and hands the response type and the body over, then ends `handoff`
    /// with how the exchange ended. A SAMPLES body is collected here, up to its limit, and handed over whole.
    private static func receive(
        _ request: HTTPClientRequest, httpClient: HTTPClient, configuration: Configuration,
        into handoff: BodyHandoff<Received>
    ) async {
        do {
            let response = try await SourceExchange.execute(
                request, httpClient: httpClient, timeout: configuration.timeout)
            let contentType = response.headers.first(name: "Content-Type") ?? ""
            guard let responseType = RemoteReadResponseType(contentType: contentType) else {
                throw RemoteReadError.unsupportedContentType(contentType)
            }
            await handoff.send(.head(responseType))
            switch responseType {
            case .streamedXORChunks:
                for try await buffer in response.body { await handoff.send(.body(buffer)) }
            case .samples:
                do {
                    await handoff.send(.body(try await response.body.collect(upTo: configuration.samplesBodyLimit)))
                } catch is NIOTooManyBytesError {
                    throw RemoteReadError.wire(.tooLarge("SAMPLES body over \(configuration.samplesBodyLimit) bytes"))
                }
            }
            handoff.finish(.success(()))
        } catch {
            handoff.finish(
                .failure(SourceExchange.failure(error, timeout: configuration.timeout, url: configuration.url)))
        }
    }

    /// The decoding side, in the caller's task: decodes what `handoff` brings and delivers the series.
    private func decode(
        from handoff: BodyHandoff<Received>, queries: [RemoteReadQuery],
        onDropped: (StreamedResponseDecoder.DroppedSeries) -> Void,
        onSeries: (StreamedResponseDecoder.Series) throws -> Void
    ) async throws -> Summary {
        guard case .head(let responseType) = try await handoff.next() else {
            throw RemoteReadError.wire(.invalidResponse("the response ended before its type was known"))
        }
        switch responseType {
        case .streamedXORChunks:
            return try await readStreamed(handoff, queries: queries, onDropped: onDropped, onSeries: onSeries)
        case .samples:
            return try await readSamples(handoff, queries: queries, onSeries: onSeries)
        }
    }

    private func readStreamed(
        _ handoff: BodyHandoff<Received>, queries: [RemoteReadQuery],
        onDropped: (StreamedResponseDecoder.DroppedSeries) -> Void,
        onSeries: (StreamedResponseDecoder.Series) throws -> Void
    ) async throws -> Summary {
        var decoder = StreamedResponseDecoder(
            queries: queries, frameLimit: configuration.frameLimit, limits: configuration.limits)
        // The series store takes whole XOR chunks as they arrive rather than encoding their samples again.
        decoder.keepsXORChunks = true
        var summary = Summary(responseType: .streamedXORChunks, bytes: 0, series: 0, samples: 0)
        // The decoder hands series over one at a time; the first error `onSeries` throws ends the read.
        var failure: (any Error)?
        func deliver(_ series: StreamedResponseDecoder.Series) {
            guard failure == nil else { return }
            summary.series += 1
            summary.samples += series.series.samples.count + series.series.histograms.count
            do { try onSeries(series) } catch { failure = error }
        }
        func handle(_ outcome: StreamedResponseDecoder.Outcome) {
            switch outcome {
            case .series(let series): deliver(series)
            case .dropped(let series): if failure == nil { onDropped(series) }
            }
        }
        do {
            while case .body(let buffer)? = try await handoff.next() {
                summary.bytes += buffer.readableBytes
                try decoder.append(buffer.readableBytesView, onOutcome: handle)
                if let failure { throw failure }
            }
            for series in try decoder.finish() { deliver(series) }
            if let failure { throw failure }
        } catch let error as WireError {
            throw RemoteReadError.wire(error)
        }
        for (reason, count) in decoder.dropped { summary.dropped[reason.rawValue, default: 0] += count }
        return summary
    }

    private func readSamples(
        _ handoff: BodyHandoff<Received>, queries: [RemoteReadQuery],
        onSeries: (StreamedResponseDecoder.Series) throws -> Void
    ) async throws -> Summary {
        var buffer = ByteBuffer()
        while case .body(let received)? = try await handoff.next() { buffer = received }
        let results: [[TimeSeries]]
        let dropped: [SeriesDropReason: Int]
        do {
            (results, dropped) = try SamplesResponseDecoder.decode(
                Array(buffer.readableBytesView), queryCount: queries.count, limit: configuration.samplesBodyLimit,
                limits: configuration.limits)
        } catch {
            throw RemoteReadError.wire(error)
        }
        var summary = Summary(responseType: .samples, bytes: buffer.readableBytes, series: 0, samples: 0)
        for (reason, count) in dropped { summary.dropped[reason.rawValue, default: 0] += count }
        for (queryIndex, series) in results.enumerated() {
            for one in series {
                summary.series += 1
                summary.samples += one.samples.count + one.histograms.count
                try onSeries(StreamedResponseDecoder.Series(queryIndex: queryIndex, series: one))
            }
        }
        return summary
    }
}

extension Duration {
    /// The duration in whole nanoseconds, saturating.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, carried) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        return overflow || carried ? (seconds < 0 ? .min : .max) : total
    }
}

extension RemoteReadClient {
    /// The process-wide HTTP client of remote reads: AsyncHTTPClient's shared settings, except that redirects are not
    /// followed and a connection
    /// that cannot be established fails the read at once (`unreachable`) instead of being retried until the read's
    /// deadline, so a source that is down fails a cycle in milliseconds, the next cycle tries again, and shutdown
    /// is not held up by a read that cannot connect. Never shut down: it lives as long as the process.
    package static let defaultHTTPClient = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: defaultConfiguration)

    /// The HTTP client settings of every source read.
    static var defaultConfiguration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        // A redirect is reported (`redirect`), never followed: following one would silently re-send the query
        // elsewhere (or, for 301-303, turn the POST into a GET).
        configuration.redirectConfiguration = .disallow
        return configuration
    }
}
