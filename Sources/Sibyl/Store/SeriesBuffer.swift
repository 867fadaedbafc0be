package import SibylAnalysis
package import SibylWire

/// The samples of one series inside the longest window, as Prometheus keeps them: XOR chunks of at most
/// ``samplesPerChunk`` samples, oldest first, and the open chunk being appended.
///
/// Each chunk carries a ``SampleSummary`` of its values, so a window's statistics merge the summaries of the chunks
/// wholly inside it and decode only the chunks across its edges; analyses decode the window's samples on demand.
/// Appends keep only samples newer than the newest one seen, so overlapping reads are de-duplicated. Stale markers
/// end the series: they advance ``lastSeen`` but are not values.
package struct SeriesBuffer: Sendable {
    /// Samples per chunk, as Prometheus' head cuts them.
    package static let samplesPerChunk = 120

    /// A closed chunk: where its bytes are in ``bytes``, its time span and its summary.
    struct Chunk: Sendable {
        var start: UInt32
        var end: UInt32
        var firstTime: Int64
        var lastTime: Int64
        var summary: SampleSummary
    }

    /// The closed chunks' bytes, back to back from offset 0 (a trim moves the live ones down at once).
    private var bytes: [UInt8] = []
    /// The closed chunks, oldest first.
    private var chunks: [Chunk] = []
    /// The open chunk.
    private var head = XORChunkEncoder()
    /// The open chunk's time span and summary.
    private var headFirstTime: Int64 = 0
    private var headLastTime: Int64 = 0
    private var headSummary = SampleSummary()
    /// The newest timestamp seen, stale markers included; `nil` before the first sample.
    package private(set) var lastSeen: Int64?
    /// Whether the newest sample seen was a stale marker (the series has ended for now).
    package private(set) var isStale = false
    /// Number of samples held, in whole chunks: a chunk stays until its newest sample leaves the window.
    package private(set) var count = 0
    /// The newest trim's cutoff: samples at or before it are gone for every reader, also those a partly trimmed
    /// chunk still holds, so what a window sees does not depend on where chunks begin.
    private var trimmedThrough = Int64.min

    /// Creates an empty buffer.
    package init() {}

    /// Bytes of the chunks held (closed and open).
    package var chunkBytes: Int { bytes.count + head.bytes.count }

    /// Memory the buffer takes: the chunk storage as allocated, the chunks' summaries and the open chunk.
    package var memoryBytes: Int {
        MemoryLayout<Self>.stride + bytes.capacity + chunks.capacity * MemoryLayout<Chunk>.stride
            + head.byteCapacity
    }

    /// Appends the samples newer than ``lastSeen``; stale markers are recorded, not stored.
    /// - Parameters:
    ///   - samples: samples in ascending time.
    ///   - chunks: XOR chunks that hold runs of `samples` whole, in order: a run whose samples are all new values
    ///     (no stale marker) is kept as its chunk's bytes, closing the open chunk first; the others are encoded.
    /// - Returns: how many values were stored.
    @discardableResult
    package mutating func append(_ samples: [Sample], chunks: [StreamedResponseDecoder.SourceChunk] = []) -> Int {
        var stored = 0
        var next = 0
        for chunk in chunks where chunk.samples.lowerBound >= next && chunk.samples.upperBound <= samples.count {
            stored += append(samples[next..<chunk.samples.lowerBound])
            let run = samples[chunk.samples]
            if adopt(chunk.bytes, holding: run) {
                stored += run.count
            } else {
                stored += append(run)
            }
            next = chunk.samples.upperBound
        }
        stored += append(samples[next...])
        if stored > Self.samplesPerChunk { fitStorage() }
        return stored
    }

    private mutating func append(_ samples: ArraySlice<Sample>) -> Int {
        var stored = 0
        for sample in samples where lastSeen.map({ sample.timestamp > $0 }) ?? true {
            lastSeen = sample.timestamp
            if sample.isStaleMarker {
                isStale = true
                continue
            }
            isStale = false
            append(sample)
            stored += 1
        }
        return stored
    }

    /// Keeps `bytes`, an XOR chunk holding exactly `run`, as a closed chunk, when every sample of the run is a new
    /// value: newer than ``lastSeen`` and not a stale marker. Returns whether it did.
    private mutating func adopt(_ bytes: [UInt8], holding run: ArraySlice<Sample>) -> Bool {
        guard let first = run.first, let last = run.last, lastSeen.map({ first.timestamp > $0 }) ?? true,
            !run.contains(where: \.isStaleMarker), bytes.count <= Int(UInt32.max) - self.bytes.count
        else { return false }
        if head.count > 0 { closeHead() }
        let summary = SampleSummary(values: run.lazy.map(\.value))
        let start = UInt32(self.bytes.count)
        self.bytes.append(contentsOf: bytes)
        chunks.append(
            Chunk(
                start: start, end: UInt32(self.bytes.count), firstTime: first.timestamp, lastTime: last.timestamp,
                summary: summary))
        count += run.count
        lastSeen = last.timestamp
        isStale = false
        return true
    }

    private mutating func append(_ sample: Sample) {
        if head.count == Self.samplesPerChunk { closeHead() }
        if head.count == 0 { headFirstTime = sample.timestamp }
        // A chunk of 120 samples is far below the encoder's 65,535.
        try? head.append(sample)
        headLastTime = sample.timestamp
        headSummary.add(sample.value)
        count += 1
    }

    private mutating func closeHead() {
        let start = UInt32(bytes.count)
        bytes.append(contentsOf: head.bytes)
        chunks.append(
            Chunk(
                start: start, end: UInt32(bytes.count), firstTime: headFirstTime, lastTime: headLastTime,
                summary: headSummary))
        head = XORChunkEncoder()
        headSummary = SampleSummary()
    }

    /// Forgets the chunks whose samples are all at or before `cutoff` and moves the live bytes down.
    /// - Parameter cutoff: the newest timestamp that may go.
    package mutating func trim(through cutoff: Int64) {
        trimmedThrough = max(trimmedThrough, cutoff)
        var dead = 0
        while dead < chunks.count, chunks[dead].lastTime <= cutoff {
            count -= sampleCount(chunks[dead])
            dead += 1
        }
        if dead == chunks.count, head.count > 0, headLastTime <= cutoff {
            count = 0
            head = XORChunkEncoder()
            headSummary = SampleSummary()
        }
        // Dead chunks go at once: moving a series' bytes costs less than holding a second copy of them. The storage
        // shrinks when it is far larger than what is live (after the first read of a long window, for instance).
        if dead > 0 {
            let deadBytes = chunks[dead - 1].end
            bytes.removeSubrange(0..<Int(deadBytes))
            chunks.removeSubrange(0..<dead)
            for index in chunks.indices {
                chunks[index].start -= deadBytes
                chunks[index].end -= deadBytes
            }
            fitStorage()
        }
    }

    /// Gives the storage back when it is far larger than what it holds (after a long first read, storage grown by
    /// doubling), keeping room for a chunk or two so that the steady state (a chunk closed, a chunk trimmed)
    /// reallocates nothing.
    private mutating func fitStorage() {
        let room = 2 * Self.samplesPerChunk * 2
        if bytes.capacity > bytes.count + bytes.count / 8 + 2 * room {
            var fitted: [UInt8] = []
            fitted.reserveCapacity(bytes.count + room)
            fitted.append(contentsOf: bytes)
            bytes = fitted
        }
        if chunks.capacity > chunks.count + chunks.count / 8 + 4 {
            var fitted: [Chunk] = []
            fitted.reserveCapacity(chunks.count + 2)
            fitted.append(contentsOf: chunks)
            chunks = fitted
        }
    }

    /// The samples a closed chunk holds, NaN values included: its header's count.
    private func sampleCount(_ chunk: Chunk) -> Int {
        Int(bytes[Int(chunk.start)]) << 8 | Int(bytes[Int(chunk.start) + 1])
    }

    /// The summary of the values with timestamps in `(end − length, end]`: the chunks inside merged, the chunks
    /// across an edge decoded.
    /// - Parameters:
    ///   - end: the window's inclusive end (the evaluation time).
    ///   - length: the window length in milliseconds.
    /// - Returns: the summary (empty when the window holds no number).
    package func summary(endingAt end: Int64, length: Int64) -> SampleSummary {
        let lower = max(end &- length, trimmedThrough)
        var summary = SampleSummary()
        forEachChunk(after: lower, through: end) { chunkBytes, first, last, chunkSummary in
            if first > lower && last <= end {
                summary.merge(chunkSummary)
            } else {
                Self.decode(chunkBytes, from: lower, through: end) { _, value in summary.add(value) }
            }
        }
        return summary
    }

    /// The samples with timestamps in `(end − length, end]`, as parallel arrays.
    /// - Parameters:
    ///   - end: the window's inclusive end (the evaluation time).
    ///   - length: the window length in milliseconds.
    /// - Returns: the window's timestamps and values, oldest first.
    package func samples(endingAt end: Int64, length: Int64) -> (timestamps: [Int64], values: [Double]) {
        var window = DecodedWindow()
        samples(endingAt: end, length: length, into: &window)
        return (window.timestamps, window.values)
    }

    /// Decodes the samples with timestamps in `(end − length, end]` into `window`, replacing what it held.
    /// - Parameters:
    ///   - end: the window's inclusive end (the evaluation time).
    ///   - length: the window length in milliseconds.
    ///   - window: reusable room (a worker's).
    package func samples(endingAt end: Int64, length: Int64, into window: inout DecodedWindow) {
        decodeWindow(after: max(end &- length, trimmedThrough), through: end, into: &window)
    }

    /// Every sample held since the last trim's cutoff, as parallel arrays, oldest first.
    package var heldSamples: (timestamps: [Int64], values: [Double]) {
        var window = DecodedWindow()
        decodeWindow(after: trimmedThrough, through: .max, into: &window)
        return (window.timestamps, window.values)
    }

    private func decodeWindow(after lower: Int64, through end: Int64, into window: inout DecodedWindow) {
        var upperBound = 0
        forEachChunk(after: lower, through: end) { chunkBytes, _, _, _ in
            upperBound += Int(chunkBytes[0]) << 8 | Int(chunkBytes[1])
        }
        window.reset(reserving: upperBound)
        forEachChunk(after: lower, through: end) { chunkBytes, _, _, _ in
            Self.decode(chunkBytes, from: lower, through: end) { window.append($0, $1) }
        }
    }

    /// Calls `body` with each chunk (closed ones, then the open one) that has a sample in `(lower, end]`.
    private func forEachChunk(
        after lower: Int64, through end: Int64,
        _ body: (UnsafeRawBufferPointer, Int64, Int64, SampleSummary) -> Void
    ) {
        // The first chunk reaching past `lower`: chunks are in time order, so a binary search finds it.
        var low = 0
        var high = chunks.count
        while low < high {
            let middle = (low + high) / 2
            if chunks[middle].lastTime <= lower { low = middle + 1 } else { high = middle }
        }
        bytes.withUnsafeBytes { all in
            for chunk in chunks[low...] {
                guard chunk.firstTime <= end else { return }
                body(
                    UnsafeRawBufferPointer(rebasing: all[Int(chunk.start)..<Int(chunk.end)]), chunk.firstTime,
                    chunk.lastTime,
                    chunk.summary)
            }
        }
        guard head.count > 0, headLastTime > lower, headFirstTime <= end else { return }
        head.bytes.withUnsafeBytes { body($0, headFirstTime, headLastTime, headSummary) }
    }

    /// Hands `body` the samples of a chunk this buffer encoded with timestamps in `(lower, end]`.
    private static func decode(
        _ chunk: UnsafeRawBufferPointer, from lower: Int64, through end: Int64, _ body: (Int64, Double) -> Void
    ) {
        guard lower < end else { return }
        do {
            try XORChunkDecoder.forEachSample(chunk, clippingTo: (lower + 1)...end, body)
        } catch {
            assertionFailure("a chunk Sibyl encoded does not decode: \(error)")
        }
    }
}
