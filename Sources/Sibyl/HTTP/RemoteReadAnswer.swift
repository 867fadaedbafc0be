import Hummingbird
import SibylWire

/// What `POST /api/v1/read` answers to a valid request (see ``RemoteReadAPI``).
package enum RemoteReadAnswer: Sendable {
    /// The snappy block of a SAMPLES `ReadResponse`.
    case samples([UInt8])
    /// A STREAMED_XOR_CHUNKS answer, written as the archive is read.
    case streamed(RemoteReadStream)
}

/// A streamed answer still to be written: query after query, its series are selected, then their samples read a
/// batch at a time, so that only one query's series are held at once.
package struct RemoteReadStream: Sendable {
    /// One query of the request, checked.
    struct Query: Sendable {
        /// The query's index in the request.
        var index: Int
        /// The query's inclusive range in Unix milliseconds.
        var range: ClosedRange<Int64>
        /// The matchers, whose regular expressions are known to compile.
        var matchers: [LabelMatcher]
        /// The labels added to each series that lacks them, before the matchers see it.
        var defaults: DefaultLabels

        /// The archived series the query selects, sorted by label set.
        /// - Parameters:
        ///   - store: the archive.
        ///   - deadline: when to stop reading.
        /// - Throws: ``ArchiveError`` when the archive cannot be read or the deadline has passed.
        func series(in store: ResultStore, deadline: RequestDeadline) async throws -> [ArchivedSeries] {
            try await store.series(matching: matchers, adding: defaults, deadline: deadline)
        }
    }

    /// The archive, as a snapshot taken when the request was checked.
    var store: ResultStore
    /// The queries, in request order.
    var queries: [Query]
    /// The frame budget.
    var maxBytesInFrame: Int
    /// When to stop reading: the whole stream must be written by then.
    var deadline: RequestDeadline

    /// Writes the frames, query after query, one batch of series at a time; series without samples in range are
    /// left out, as Prometheus leaves them out.
    /// - Parameter emit: receives the bytes of each batch's frames.
    /// - Throws: ``ArchiveError`` when the archive cannot be read, or what `emit` throws.
    package func write(_ emit: ([UInt8]) async throws -> Void) async throws {
        for query in queries {
            let selected = try await query.series(in: store, deadline: deadline)
            try await RemoteReadAPI.forEachBatch(of: query, selected, in: store, deadline: deadline) {
                series, samples in
                var body: [UInt8] = []
                for (one, values) in zip(series, samples) where !values.isEmpty {
                    StreamedResponseEncoder.appendFrames(
                        for: TimeSeries(labels: one.labels, samples: values), queryIndex: query.index, to: &body,
                        samplesPerChunk: RemoteReadAPI.samplesPerChunk, maxBytesInFrame: maxBytesInFrame)
                }
                if !body.isEmpty { try await emit(body) }
            }
        }
    }
}

extension RemoteReadAPI {
    /// Checks and answers a request body.
    /// - Parameter body: the request body.
    /// - Returns: the answer in the first response type the client accepts that Sibyl knows; SAMPLES when it lists
    ///   none.
    /// - Throws: ``APIError`` 400 naming the problem for bad input or a query over the sample limit, 500 when the
    ///   archive cannot be read, 503 when reading takes longer than ``timeout``.
    package func answer(_ body: [UInt8]) async throws(APIError) -> RemoteReadAnswer {
        let deadline = RequestDeadline(after: timeout)
        let request: RemoteReadRequest
        do {
            request = try RemoteReadRequest(decoding: body, limit: Self.maximumDecodedSize)
        } catch {
            throw .badData("cannot decode the remote-read request: \(error)")
        }
        if request.acceptedResponseTypes.isEmpty, !request.unknownResponseTypes.isEmpty {
            // Prometheus' own answer: it serves SAMPLES only when the client lists no type at all.
            throw .badData(
                "server does not support any of the requested response types: \(request.unknownResponseTypes); "
                    + "supported: [SAMPLES STREAMED_XOR_CHUNKS]")
        }
        // One view of the archive for the whole answer, however many reads it takes: a cycle committed or retired
        // while a long stream is written does not appear in some series and not in others.
        let store: ResultStore
        do {
            store = try self.store.snapshot()
        } catch {
            throw Self.internalError(error)
        }
        guard request.queries.count <= Self.maximumQueries else {
            throw .badData(
                "the request has \(request.queries.count) queries, more than the \(Self.maximumQueries) allowed")
        }
        var queries: [RemoteReadStream.Query] = []
        for (index, query) in request.queries.enumerated() {
            guard query.start <= query.end else {
                throw .badData("query \(index): start \(query.start) is after end \(query.end)")
            }
            for matcher in query.matchers {
                do {
                    _ = try CompiledLabelMatcher(matcher)
                } catch {
                    throw .badData("query \(index): \(error.message)")
                }
            }
            queries.append(
                RemoteReadStream.Query(
                    index: index, range: query.start...query.end, matchers: query.matchers, defaults: labels))
        }
        switch request.acceptedResponseTypes.first ?? .samples {
        case .streamedXORChunks:
            return .streamed(
                RemoteReadStream(store: store, queries: queries, maxBytesInFrame: maxBytesInFrame, deadline: deadline))
        case .samples:
            // The limits count over the whole request: 1,000 match-all queries are 1,000 times one.
            var writer = SamplesResponseWriter()
            var count = 0
            let (limit, maxBytes) = (sampleLimit, maxAnswerBytes)
            for query in queries {
                do {
                    let selected = try await query.series(in: store, deadline: deadline)
                    try await Self.forEachBatch(of: query, selected, in: store, deadline: deadline) { series, samples in
                        for (one, values) in zip(series, samples) where !values.isEmpty {
                            count += values.count
                            if limit > 0, count > limit { throw APIError.badData("exceeded sample limit (\(limit))") }
                            writer.appendSeries(TimeSeries(labels: one.labels, samples: values))
                            if writer.byteCount > maxBytes {
                                throw APIError.badData(
                                    "the answer exceeds \(maxBytes) bytes, the most a SAMPLES answer may take; ask for "
                                        + "STREAMED_XOR_CHUNKS or fewer series")
                            }
                        }
                    }
                } catch let error as APIError {
                    throw error
                } catch {
                    throw Self.internalError(error)
                }
                writer.finishQuery()
            }
            return .samples(writer.encoded())
        }
    }

    /// Reads the samples of a query's series a batch at a time (about ``batchSamples`` samples per batch).
    /// - Parameters:
    ///   - series: the series it selects.
    ///   - store: the archived cycles.
    ///   - deadline: when to stop reading.
    ///   - body: receives each batch's series and their samples.
    /// - Throws: ``ArchiveError``, or what `body` throws.
    static func forEachBatch(
        of query: RemoteReadStream.Query, _ series: [ArchivedSeries], in store: ResultStore,
        deadline: RequestDeadline,
        _ body: ([ArchivedSeries], [[Sample]]) async throws -> Void
    ) async throws {
        guard !series.isEmpty else { return }
        let cycles = try await store.evaluationCount(in: query.range)
        guard cycles > 0 else { return }
        let size = max(1, batchSamples / cycles)
        var start = 0
        while start < series.count {
            let batch = Array(series[start..<min(series.count, start + size)])
            try await body(batch, try await store.samples(of: batch, in: query.range, deadline: deadline))
            start += size
        }
    }

    /// 500 for an archive that cannot be read, 503 `timeout` for a read past the request's deadline.
    static func internalError(_ error: any Error) -> APIError {
        if let error = error as? ArchiveError, error.code == .timedOut {
            return APIError(.serviceUnavailable, "timeout", error.description)
        }
        return APIError(.internalServerError, "internal", "cannot read the archive: \(error)")
    }
}
