/// Decodes a STREAMED_XOR_CHUNKS remote-read body incrementally, one series at a time.
///
/// Feed the body as it arrives; every call returns (or hands over) the series completed so far. A series may
/// span several consecutive frames (each repeats the labels); it is complete when a frame for
/// another series or query starts, or at ``finish()``. Samples outside the query's
/// [start, end] are clipped, and samples of overlapping chunks that do not advance time are
/// dropped. Memory stays bounded by the frame limit plus the series being assembled, and a series over one of
/// the ``SeriesLimits`` is dropped and counted in ``dropped`` while the rest of the response is decoded.
///
/// Chunks come in every encoding Prometheus 3 stores (``ChunkEncoding``): XOR and XOR2 chunks become float samples,
/// the four histogram encodings native histogram samples (``TimeSeries/histograms``). A chunk of another encoding,
/// or one that fails to decode, drops its series (``SeriesDropReason/unsupportedEncoding``,
/// ``SeriesDropReason/corruptChunk``), reported as a ``Outcome/dropped(_:)``; only a frame or message damaged as a
/// whole fails the read.
public struct StreamedResponseDecoder: Sendable {
    /// A decoded series and the index of the query it answers.
    public struct Series: Sendable, Hashable {
        /// Index into the request's queries.
        public var queryIndex: Int
        /// The series.
        public var series: TimeSeries
        /// The XOR chunks whose samples reached ``series`` whole, with the samples they hold, when the decoder
        /// keeps them (``StreamedResponseDecoder/keepsXORChunks``): a store of XOR chunks takes their bytes as
        /// they are instead of encoding the samples again.
        public var xorChunks: [SourceChunk] = []

        /// Pairs a series with its query.
        /// - Parameters:
        ///   - queryIndex: index into the request's queries.
        public init(queryIndex: Int, series: TimeSeries) {
            self.queryIndex = queryIndex
            self.series = series
        }
    }

    /// An XOR chunk of the response whose every sample is in the series, in order: none clipped by the query's
    /// range, none left out as a repeated timestamp.
    public struct SourceChunk: Sendable, Hashable {
        /// The positions of its samples in ``TimeSeries/samples``.
        public var samples: Range<Int>
        /// The chunk's bytes, as the server sent them (decoded once, so they are known to be valid).
        public var bytes: [UInt8]

        /// Describes a chunk.
        public init(samples: Range<Int>, bytes: [UInt8]) {
            self.samples = samples
            self.bytes = bytes
        }
    }

    /// A series left out of the response, with why.
    public struct DroppedSeries: Sendable, Hashable {
        /// Index into the request's queries.
        public var queryIndex: Int
        /// The series' labels; empty when they were what broke a limit, so were never decoded.
        public var labels: [Label]
        /// Why it was dropped.
        public var reason: SeriesDropReason
        /// What exactly was wrong, and where.
        public var message: String

        /// Describes a dropped series.
        public init(queryIndex: Int, labels: [Label], reason: SeriesDropReason, message: String) {
            self.queryIndex = queryIndex
            self.labels = labels
            self.reason = reason
            self.message = message
        }
    }

    /// What the decoder reports for each series of the response.
    public enum Outcome: Sendable, Hashable {
        /// A complete series: float samples, histogram samples, or both.
        case series(Series)
        /// A series left out, at the frame where that was decided.
        case dropped(DroppedSeries)
    }

    private var frames: ChunkedFrameReader
    private let ranges: [ClosedRange<Int64>]
    /// Whether each series carries its whole XOR chunks' bytes beside the samples (``Series/xorChunks``).
    public var keepsXORChunks = false
    /// The limits per series and per read.
    public let limits: SeriesLimits
    private var current: Series?
    private var currentKey: SeriesKey?
    /// The query and raw-label hash of the last series dropped, so that its next frames are dropped uncounted.
    private var droppedKey: SeriesKey?
    private var lastQueryIndex = 0
    /// Samples the chunks decoded so far declared, for ``SeriesLimits/samplesPerRead``.
    private var samplesDeclared = 0
    /// Samples (float and histogram) decoded so far, after clipping, before de-duplication.
    public private(set) var samplesDecoded = 0
    /// Reused for the start timestamps of XOR2 chunks.
    private var startTimestamps: [Int64] = []
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
        try append(bytes) { (outcome: Outcome) in
            if case .series(let series) = outcome { onSeries(series) }
        }
    }

    /// Consumes the next bytes of the body, handing each completed series, and each series dropped, to `onOutcome` as
    /// soon as that is known.
    /// - Parameters:
    ///   - bytes: body bytes, in order.
    ///   - onOutcome: called once per completed or dropped series.
    /// - Throws: `WireError` for a bad frame or protobuf.
    public mutating func append(_ bytes: some Sequence<UInt8>, onOutcome: (Outcome) -> Void) throws(WireError) {
        frames.append(bytes)
        while let message = try frames.next() {
            try consume(message, onOutcome: onOutcome)
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
    private mutating func consume(_ message: [UInt8], onOutcome: (Outcome) -> Void) throws(WireError) {
        let frameIndex = frames.frames - 1
        let result = message.withUnsafeBytes { bytes in
            Result { () throws(WireError) in try consume(bytes, frameIndex: frameIndex, onOutcome: onOutcome) }
        }
        if case .failure(let error) = result { throw error }
    }

    private mutating func consume(
        _ bytes: UnsafeRawBufferPointer, frameIndex: Int, onOutcome: (Outcome) -> Void
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
            try consumeSeries(bytes, series, queryIndex: queryIndex, frameIndex: frameIndex, onOutcome: onOutcome)
        }
    }

    /// One `ChunkedSeries`: counts and hashes its labels on the wire, checks them, then decodes its chunks.
    private mutating func consumeSeries(
        _ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, queryIndex: Int, frameIndex: Int,
        onOutcome: (Outcome) -> Void
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
            onOutcome(.series(open))
            current = nil
        }
        let labels: [Label]
        switch try WireLabels.decode(bytes, series: range, count: labelCount, limits: limits, malformed: malformed) {
        case .labels(let decoded): labels = decoded
        case .dropped(let reason):
            let message = "frame \(frameIndex): the series' labels break the limit \(reason.rawValue)"
            return drop(
                DroppedSeries(queryIndex: queryIndex, labels: [], reason: reason, message: message), key, onOutcome)
        }
        let series = TimeSeries(labels: labels)
        if let open = current, open.queryIndex != queryIndex || open.series.labels != series.labels {
            onOutcome(.series(open))
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
            let place = "frame \(frameIndex), chunk \(chunkIndex)"
            func dropped(_ reason: SeriesDropReason, _ message: String) -> DroppedSeries {
                DroppedSeries(queryIndex: queryIndex, labels: labels, reason: reason, message: "\(place): \(message)")
            }
            guard let known = ChunkEncoding(rawValue: encoding) else {
                let message = "encoding \(encoding) is not decoded"
                return drop(dropped(.unsupportedEncoding, message), key, onOutcome)
            }
            let chunkBytes = UnsafeRawBufferPointer(rebasing: bytes[data])
            let declared: Int
            do {
                declared = try Self.declaredCount(chunkBytes, encoding: known)
            } catch {
                return drop(dropped(.corruptChunk, "\(known): \(error.message)"), key, onOutcome)
            }
            let held = (current?.series.samples.count ?? 0) + (current?.series.histograms.count ?? 0)
            guard held + declared <= limits.samplesPerSeries else {
                return drop(dropped(.tooManySamples, "over \(limits.samplesPerSeries) samples"), key, onOutcome)
            }
            guard samplesDeclared + declared <= limits.samplesPerRead else {
                return drop(dropped(.readSamples, "the read is over \(limits.samplesPerRead) samples"), key, onOutcome)
            }
            samplesDeclared += declared
            do {
                try append(chunkBytes, encoding: known, declared: declared, range: clip)
            } catch {
                return drop(dropped(.corruptChunk, "\(known): \(error.message)"), key, onOutcome)
            }
        }
    }

    /// The sample count a chunk's header declares.
    private static func declaredCount(
        _ bytes: UnsafeRawBufferPointer, encoding: ChunkEncoding
    ) throws(WireError) -> Int {
        switch encoding {
        case .xor: try XORChunkDecoder.declaredCount(bytes)
        case .xor2: try XOR2ChunkDecoder.declaredCount(bytes)
        case .histogram, .floatHistogram, .histogramST, .floatHistogramST:
            try HistogramChunkDecoder.declaredCount(bytes, encoding: encoding)
        }
    }

    /// Drops the series `key` names, with what it had so far, and counts and reports it once.
    private mutating func drop(_ series: DroppedSeries, _ key: SeriesKey, _ onOutcome: (Outcome) -> Void) {
        current = nil
        currentKey = nil
        droppedKey = key
        dropped[series.reason, default: 0] += 1
        onOutcome(.dropped(series))
    }

    /// Decodes one chunk into the open series, then keeps only the samples that advance time.
    private mutating func append(
        _ bytes: UnsafeRawBufferPointer, encoding: ChunkEncoding, declared: Int, range: ClosedRange<Int64>
    ) throws(WireError) {
        guard var open = current else { return }
        current = nil  // keep the arrays uniquely referenced while appending
        defer { current = open }
        switch encoding {
        case .xor, .xor2:
            let before = open.series.samples.count
            // Start timestamps are kept (one per sample) from the first chunk that has one on.
            var starts = open.series.startTimestamps
            open.series.startTimestamps = []
            defer { open.series.startTimestamps = starts }
            var keepStarts = !starts.isEmpty
            if encoding == .xor {
                try XORChunkDecoder.decode(bytes, clippingTo: range, into: &open.series.samples)
            } else {
                startTimestamps.removeAll(keepingCapacity: true)
                try XOR2ChunkDecoder.decode(
                    bytes, clippingTo: range, into: &open.series.samples, startTimestamps: &startTimestamps)
                if !keepStarts && startTimestamps.contains(where: { $0 != 0 }) {
                    starts = [Int64](repeating: 0, count: before)
                    keepStarts = true
                }
            }
            let added = open.series.samples.count - before
            samplesDecoded += added
            if keepStarts {
                if encoding == .xor2 {
                    starts.append(contentsOf: startTimestamps)
                } else {
                    starts.append(contentsOf: repeatElement(0, count: added))
                }
            }
            Self.keepAdvancing(&open.series.samples, from: before, timestamp: \.timestamp) { kept, index in
                if keepStarts { starts[kept] = starts[index] }
            } truncate: { count in
                if keepStarts { starts.removeSubrange(count...) }
            }
            // Every sample of the chunk clipped in and advancing time: the chunk's bytes hold exactly them.
            if encoding == .xor, keepsXORChunks, !keepStarts, declared > 0,
                open.series.samples.count - before == declared
            {
                open.xorChunks.append(SourceChunk(samples: before..<before + declared, bytes: Array(bytes)))
            }
        case .histogram, .floatHistogram, .histogramST, .floatHistogramST:
            let before = open.series.histograms.count
            try HistogramChunkDecoder.decode(
                bytes, encoding: encoding, clippingTo: range, into: &open.series.histograms)
            samplesDecoded += open.series.histograms.count - before
            Self.keepAdvancing(&open.series.histograms, from: before, timestamp: \.timestamp) { _, _ in
            } truncate: { _ in
            }
        }
    }

    /// Keeps only the samples from `before` on that advance time, within a chunk as across overlapping chunks: a
    /// series then holds at most one sample per millisecond of the range, however many a server repeats (a chunk of
    /// 65,535 samples at one timestamp costs 1 or 2 bits each on the wire). `moved` and `truncate` keep a parallel
    /// array in step.
    private static func keepAdvancing<Element>(
        _ samples: inout [Element], from before: Int, timestamp: (Element) -> Int64,
        moved: (_ to: Int, _ from: Int) -> Void, truncate: (Int) -> Void
    ) {
        var last: Int64? = before > 0 ? timestamp(samples[before - 1]) : nil
        var kept = before
        for index in before..<samples.count {
            let time = timestamp(samples[index])
            if let last, time <= last { continue }
            last = time
            if kept != index {
                samples[kept] = samples[index]
                moved(kept, index)
            }
            kept += 1
        }
        if kept < samples.count {
            samples.removeSubrange(kept...)
            truncate(kept)
        }
    }
}
