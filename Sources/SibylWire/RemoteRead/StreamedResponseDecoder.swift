/// Decodes a STREAMED_XOR_CHUNKS remote-read body incrementally, one series at a time.
///
/// Feed the body as it arrives; every call returns (or hands over) the series completed so far. A series may
/// span several consecutive frames (each repeats the labels); it is complete when a frame for
/// another series or query starts, or at ``finish()``. Samples outside the query's
/// [start, end] are clipped, and samples of overlapping chunks that do not advance time are
/// dropped. Memory stays bounded by the frame limit plus the series being assembled, and a series over one of
/// the ``SeriesLimits`` is dropped and counted in ``dropped`` while the rest of the response is decoded.
public struct StreamedResponseDecoder: Sendable {
    /// A decoded series and the index of the query it answers.
    public struct Series: Sendable, Hashable {
        /// Index into the request's queries.
        public var queryIndex: Int
        /// The series.
        public var series: TimeSeries

        /// Pairs a series with its query.
        /// - Parameters:
        ///   - queryIndex: index into the request's queries.
        public init(queryIndex: Int, series: TimeSeries) {
            self.queryIndex = queryIndex
            self.series = series
        }
    }

    private var frames: ChunkedFrameReader
    private let ranges: [ClosedRange<Int64>]
    /// The limits per series and per read.
    public let limits: SeriesLimits
    private var current: Series?
    private var currentKey: SeriesKey?
    /// The query and raw-label hash of the last series dropped, so that its next frames are dropped uncounted.
    private var droppedKey: SeriesKey?
    private var lastQueryIndex = 0
    /// Samples the chunks decoded so far declared, for ``SeriesLimits/samplesPerRead``.
    private var samplesDeclared = 0
    /// XOR samples decoded so far, before clipping.
    public private(set) var samplesDecoded = 0
    /// Series dropped so far, by reason.
    public private(set) var dropped: [SeriesDropReason: Int] = [:]
    /// Body bytes consumed by complete frames.
    public var bytesConsumed: Int { frames.offset }

    /// A series as the wire names it: its query and a hash of its label bytes.
    private struct SeriesKey: Hashable {
        var queryIndex: Int
        var labels: Int
    }

    /// Creates a decoder for the response to `queries`.
    /// - Parameters:
    ///   - queries: the request's queries (their ranges clip the chunks).
    ///   - frameLimit: the largest frame accepted.
    ///   - limits: the limits per series and per read.
    public init(
        queries: [RemoteReadQuery], frameLimit: Int = ChunkedFrameReader.defaultFrameLimit,
        limits: SeriesLimits = SeriesLimits()
    ) {
        self.frames = ChunkedFrameReader(frameLimit: frameLimit)
        self.ranges = queries.map(\.range)
        self.limits = limits
    }

    /// Consumes the next bytes of the body.
    /// - Parameter bytes: body bytes, in order.
    /// - Returns: the series completed by these bytes.
    /// - Throws: `WireError` for a bad frame, protobuf or chunk.
    public mutating func append(_ bytes: some Sequence<UInt8>) throws(WireError) -> [Series] {
        var completed: [Series] = []
        try append(bytes) { completed.append($0) }
        return completed
    }

    /// Consumes the next bytes of the body, handing each series to `onSeries` as soon as it is complete, so that a
    /// frame of many small series never holds them all at once.
    /// - Parameters:
    ///   - bytes: body bytes, in order.
    ///   - onSeries: called once per completed series.
    /// - Throws: `WireError` for a bad frame, protobuf or chunk.
    public mutating func append(_ bytes: some Sequence<UInt8>, onSeries: (Series) -> Void) throws(WireError) {
        frames.append(bytes)
        while let message = try frames.next() {
            try consume(message, onSeries: onSeries)
        }
    }

    /// Ends the body.
    /// - Returns: the last series.
    /// - Throws: `WireError.truncated` when the body ends inside a frame.
    public mutating func finish() throws(WireError) -> [Series] {
        try frames.finish()
        defer { current = nil }
        return current.map { [$0] } ?? []
    }

    /// Decodes one `ChunkedReadResponse` straight from the wire rather than through SwiftProtobuf, so that every
    /// limit is checked before anything is built, and a label that is not UTF-8 drops its series, not the read.
    private mutating func consume(_ message: [UInt8], onSeries: (Series) -> Void) throws(WireError) {
        let frameIndex = frames.frames - 1
        let result = message.withUnsafeBytes { bytes in
            Result { () throws(WireError) in try consume(bytes, frameIndex: frameIndex, onSeries: onSeries) }
        }
        if case .failure(let error) = result { throw error }
    }

    private mutating func consume(
        _ bytes: UnsafeRawBufferPointer, frameIndex: Int, onSeries: (Series) -> Void
    ) throws(WireError) {
        let malformed = WireError.invalidProtobuf("frame \(frameIndex): ChunkedReadResponse is malformed")
        // The query index (field 2) may come after the series (field 1): find it first.
        var rawQueryIndex: UInt64 = 0
        var fields = ProtobufFieldReader(bytes, range: 0..<bytes.count)
        while let field = fields.next() {
            guard let field else { throw malformed }
            if field.number == 2 && field.payload == nil { rawQueryIndex = field.value }
        }
        let signedIndex = Int64(bitPattern: rawQueryIndex)
        guard signedIndex >= 0, signedIndex < Int64(ranges.count) else {
            throw .invalidResponse("frame \(frameIndex): query index \(signedIndex) of \(ranges.count) queries")
        }
        let queryIndex = Int(signedIndex)
        guard queryIndex >= lastQueryIndex else {
            throw .invalidResponse("frame \(frameIndex): query index \(queryIndex) after \(lastQueryIndex)")
        }
        lastQueryIndex = queryIndex
        fields = ProtobufFieldReader(bytes, range: 0..<bytes.count)
        while let field = fields.next() {
            guard let field, field.number == 1, let series = field.payload else { continue }
            try consumeSeries(bytes, series, queryIndex: queryIndex, frameIndex: frameIndex, onSeries: onSeries)
        }
    }

    /// One `ChunkedSeries`: counts and hashes its labels on the wire, checks them, then decodes its chunks.
    private mutating func consumeSeries(
        _ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, queryIndex: Int, frameIndex: Int,
        onSeries: (Series) -> Void
    ) throws(WireError) {
        let malformed = WireError.invalidProtobuf("frame \(frameIndex): ChunkedSeries is malformed")
        var labelCount = 0
        var hasher = Hasher()
        var fields = ProtobufFieldReader(bytes, range: range)
        while let field = fields.next() {
            guard let field else { throw malformed }
            guard field.number == 1, let label = field.payload else { continue }
            labelCount += 1
            hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: bytes[label]))
            hasher.combine(label.count)
        }
        let key = SeriesKey(queryIndex: queryIndex, labels: hasher.finalize())
        if key == droppedKey { return }  // the next frame of a series already dropped
        droppedKey = nil
        if let open = current, key != currentKey {
            onSeries(open)
            current = nil
        }
        let labels: [Label]
        switch try WireLabels.decode(bytes, series: range, count: labelCount, limits: limits, malformed: malformed) {
        case .labels(let decoded): labels = decoded
        case .dropped(let reason): return drop(reason, key)
        }
        let series = TimeSeries(labels: labels)
        if let open = current, open.queryIndex != queryIndex || open.series.labels != series.labels {
            onSeries(open)
            current = nil
        }
        if current == nil {
            current = Series(queryIndex: queryIndex, series: series)
            currentKey = key
        }
        let clip = ranges[queryIndex]
        var chunkIndex = -1
        fields = ProtobufFieldReader(bytes, range: range)
        while let field = fields.next() {
            guard let field, field.number == 2, let chunk = field.payload else { continue }
            chunkIndex += 1
            var encoding: UInt64 = 0
            var data = chunk.lowerBound..<chunk.lowerBound
            var parts = ProtobufFieldReader(bytes, range: chunk)
            while let part = parts.next() {
                guard let part else { throw malformed }
                switch (part.number, part.payload) {
                case (3, nil): encoding = part.value
                case (4, let payload?): data = payload
                default: continue
                }
            }
            guard encoding == 1 else {
                throw .unsupportedEncoding(
                    "frame \(frameIndex), chunk \(chunkIndex): encoding \(encoding), only XOR (1) is decoded")
            }
            let chunkBytes = UnsafeRawBufferPointer(rebasing: bytes[data])
            let declared: Int
            do {
                declared = try XORChunkDecoder.declaredCount(chunkBytes)
            } catch {
                throw error.prefixed("frame \(frameIndex), chunk \(chunkIndex)")
            }
            guard (current?.series.samples.count ?? 0) + declared <= limits.samplesPerSeries else {
                return drop(.tooManySamples, key)
            }
            guard samplesDeclared + declared <= limits.samplesPerRead else {
                return drop(.readSamples, key)
            }
            samplesDeclared += declared
            try append(chunkBytes, range: clip, frameIndex: frameIndex, chunkIndex: chunkIndex)
        }
    }

    /// Drops the series `key` names, with what it had so far, and counts it once.
    private mutating func drop(_ reason: SeriesDropReason, _ key: SeriesKey) {
        current = nil
        currentKey = nil
        droppedKey = key
        dropped[reason, default: 0] += 1
    }

    private mutating func append(
        _ bytes: UnsafeRawBufferPointer, range: ClosedRange<Int64>, frameIndex: Int, chunkIndex: Int
    )
        throws(WireError)
    {
        guard var open = current else { return }
        current = nil  // keep the samples array uniquely referenced while appending
        let before = open.series.samples.count
        do {
            try XORChunkDecoder.decode(bytes, clippingTo: range, into: &open.series.samples)
        } catch {
            throw error.prefixed("frame \(frameIndex), chunk \(chunkIndex)")
        }
        samplesDecoded += open.series.samples.count - before
        // Keep only samples that advance time, within a chunk as across overlapping chunks: a series then holds at
        // most one sample per millisecond of the range, however many a server repeats (a chunk of 65,535 samples
        // at one timestamp costs 2 bits each on the wire).
        var last: Int64? = before > 0 ? open.series.samples[before - 1].timestamp : nil
        var kept = before
        for index in before..<open.series.samples.count {
            let timestamp = open.series.samples[index].timestamp
            if let last, timestamp <= last { continue }
            last = timestamp
            if kept != index { open.series.samples[kept] = open.series.samples[index] }
            kept += 1
        }
        if kept < open.series.samples.count { open.series.samples.removeSubrange(kept...) }
        current = open
    }
}
