package import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
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

        /// Creates a configuration.
        /// - Parameters:
        ///   - url: the remote-read endpoint.
        ///   - timeout: the exchange's deadline.
        ///   - acceptedResponseTypes: response types, preferred first.
        ///   - samplesBodyLimit: the largest SAMPLES body accepted.
        ///   - frameLimit: the largest streamed frame accepted.
        package init(
            url: String,
            timeout: Duration = .seconds(30),
            acceptedResponseTypes: [RemoteReadResponseType] = [.streamedXORChunks, .samples],
            samplesBodyLimit: Int = 256 * 1024 * 1024,
            frameLimit: Int = ChunkedFrameReader.defaultFrameLimit
        ) {
            self.url = url
            self.timeout = timeout
            self.acceptedResponseTypes = acceptedResponseTypes
            self.samplesBodyLimit = samplesBodyLimit
            self.frameLimit = frameLimit
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
        /// Samples delivered.
        package var samples: Int
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

    /// Runs `queries` and hands each series to `onSeries` as soon as it is complete.
    /// - Parameters:
    ///   - onSeries: called once per series, in response order.
    /// - Returns: what was transferred.
    /// - Throws: ``RemoteReadError``.
    package func read(
        _ queries: [RemoteReadQuery],
        onSeries: (StreamedResponseDecoder.Series) throws -> Void
    ) async throws -> Summary {
        let body = RemoteReadRequest(queries: queries, acceptedResponseTypes: configuration.acceptedResponseTypes)
        var request = HTTPClientRequest(url: configuration.url)
        request.method = .POST
        request.headers.add(name: "Content-Encoding", value: "snappy")
        request.headers.add(name: "Content-Type", value: "application/x-protobuf")
        request.headers.add(name: "Accept-Encoding", value: "snappy")
        request.headers.add(name: "X-Prometheus-Remote-Read-Version", value: "0.1.0")
        request.headers.add(name: "User-Agent", value: "Sibyl/\(SibylVersion.version)")
        request.body = .bytes(ByteBuffer(bytes: body.encoded()))

        let deadline = NIODeadline.now() + TimeAmount.nanoseconds(configuration.timeout.nanoseconds)
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(request, deadline: deadline)
        } catch {
            throw RemoteReadError.transport(error)
        }
        guard response.status == .ok else {
            let text = (try? await response.body.collect(upTo: 4096)).map { String(buffer: $0) } ?? ""
            throw RemoteReadError.status(Int(response.status.code), body: text)
        }
        let contentType = response.headers.first(name: "Content-Type") ?? ""
        switch RemoteReadResponseType(contentType: contentType) {
        case .streamedXORChunks:
            return try await readStreamed(response, queries: queries, onSeries: onSeries)
        case .samples:
            return try await readSamples(response, queries: queries, onSeries: onSeries)
        case nil:
            throw RemoteReadError.unsupportedContentType(contentType)
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

    private func readStreamed(
        _ response: HTTPClientResponse, queries: [RemoteReadQuery],
        onSeries: (StreamedResponseDecoder.Series) throws -> Void
    ) async throws -> Summary {
        var decoder = StreamedResponseDecoder(queries: queries, frameLimit: configuration.frameLimit)
        var summary = Summary(responseType: .streamedXORChunks, bytes: 0, series: 0, samples: 0)
        func deliver(_ batch: [StreamedResponseDecoder.Series]) throws {
            for series in batch {
                summary.series += 1
                summary.samples += series.series.samples.count
                try onSeries(series)
            }
        }
        do {
            for try await buffer in response.body {
                summary.bytes += buffer.readableBytes
                try deliver(try decoder.append(buffer.readableBytesView))
            }
        } catch let error as WireError {
            throw RemoteReadError.wire(error)
        } catch let error as RemoteReadError {
            throw error
        } catch {
            throw RemoteReadError.transport(error)
        }
        do {
            try deliver(try decoder.finish())
        } catch let error as WireError {
            throw RemoteReadError.wire(error)
        }
        return summary
    }

    private func readSamples(
        _ response: HTTPClientResponse, queries: [RemoteReadQuery],
        onSeries: (StreamedResponseDecoder.Series) throws -> Void
    ) async throws -> Summary {
        let buffer: ByteBuffer
        do {
            buffer = try await response.body.collect(upTo: configuration.samplesBodyLimit)
        } catch is NIOTooManyBytesError {
            throw RemoteReadError.wire(.tooLarge("SAMPLES body over \(configuration.samplesBodyLimit) bytes"))
        } catch {
            throw RemoteReadError.transport(error)
        }
        let results: [[TimeSeries]]
        do {
            results = try SamplesResponseDecoder.decode(
                Array(buffer.readableBytesView), queryCount: queries.count, limit: configuration.samplesBodyLimit
            )
        } catch {
            throw RemoteReadError.wire(error)
        }
        var summary = Summary(responseType: .samples, bytes: buffer.readableBytes, series: 0, samples: 0)
        for (queryIndex, series) in results.enumerated() {
            for one in series {
                summary.series += 1
                summary.samples += one.samples.count
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
    /// The process-wide HTTP client of remote reads: AsyncHTTPClient's shared settings, except that a connection
    /// that cannot be established fails the read at once (`unreachable`) instead of being retried until the read's
    /// deadline, so a source that is down fails a cycle in milliseconds, the next cycle tries again, and shutdown
    /// is not held up by a read that cannot connect. Never shut down: it lives as long as the process.
    package static let defaultHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}
