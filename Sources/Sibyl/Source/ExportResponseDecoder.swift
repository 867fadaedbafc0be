import SibylAnalysis
package import SibylWire

/// Decodes VictoriaMetrics' `/api/v1/export` answer to one query as it arrives: JSON lines, one series each
/// (``ExportLineParser``), cut at newlines however the bytes are split.
///
/// A line longer than ``lineLimit`` fails the read before it is held whole (`too_large`); a series over a
/// ``SeriesLimits`` limit is dropped and counted, as the remote-read decoders do. Samples are sorted by time and
/// clipped to the query's range; a series with none left is not delivered.
package struct ExportResponseDecoder {
    /// The largest line accepted, in bytes.
    package let lineLimit: Int
    /// The limits per series and per read.
    package let limits: SeriesLimits
    /// The query answered and its index in the read.
    private let query: RemoteReadQuery
    private let queryIndex: Int
    /// The bytes of the line not yet complete.
    private var pending: [UInt8] = []
    /// Samples counted against ``SeriesLimits/samplesPerRead``, this query's and those before it in the read.
    package private(set) var samplesRead: Int
    /// Series dropped, by reason.
    package private(set) var dropped: [SeriesDropReason: Int] = [:]

    /// Creates a decoder for the answer to `query`.
    /// - Parameters:
    ///   - query: the query; its range clips the samples.
    ///   - queryIndex: its index, which each series carries.
    ///   - lineLimit: the largest line accepted.
    ///   - limits: the limits per series and per read.
    ///   - samplesRead: samples the read brought before this query.
    package init(
        query: RemoteReadQuery, queryIndex: Int, lineLimit: Int, limits: SeriesLimits = SeriesLimits(),
        samplesRead: Int = 0
    ) {
        self.query = query
        self.queryIndex = queryIndex
        self.lineLimit = lineLimit
        self.limits = limits
        self.samplesRead = samplesRead
    }

    /// Takes the next bytes of the answer and hands over each series whose line they complete.
    /// - Parameters:
    ///   - bytes: the next bytes.
    ///   - onOutcome: called per complete line with its series or why it was dropped.
    /// - Throws: ``WireError`` for a line over the limit or malformed.
    package mutating func append(
        _ bytes: some Collection<UInt8>, onOutcome: (StreamedResponseDecoder.Outcome) -> Void
    ) throws(WireError) {
        var rest = bytes[...]
        while let newline = rest.firstIndex(of: UInt8(ascii: "\n")) {
            let piece = rest[..<newline]
            try checkSize(adding: piece.count)
            pending.append(contentsOf: piece)
            try takeLine(onOutcome: onOutcome)
            rest = rest[rest.index(after: newline)...]
        }
        try checkSize(adding: rest.count)
        pending.append(contentsOf: rest)
    }

    /// Ends the answer: a last line without its newline is decoded too.
    /// - Parameter onOutcome: called for that line.
    /// - Throws: ``WireError`` when it is malformed.
    package mutating func finish(onOutcome: (StreamedResponseDecoder.Outcome) -> Void) throws(WireError) {
        try takeLine(onOutcome: onOutcome)
    }

    private func checkSize(adding count: Int) throws(WireError) {
        guard count <= lineLimit - pending.count else {
            throw .tooLarge("an export line over \(lineLimit) bytes")
        }
    }

    private mutating func takeLine(onOutcome: (StreamedResponseDecoder.Outcome) -> Void) throws(WireError) {
        defer { pending.removeAll(keepingCapacity: true) }
        guard pending.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) else { return }
        let line = try ExportLineParser.parse(pending)
        if let reason = refusal(line) {
            dropped[reason, default: 0] += 1
            onOutcome(
                .dropped(
                    .init(
                        queryIndex: queryIndex, labels: line.labels.sorted(), reason: reason,
                        message: "over a limit (\(reason.rawValue))")))
            return
        }
        samplesRead += line.samples.count
        var samples = line.samples
        if !samples.isSorted(by: { $0.timestamp <= $1.timestamp }) { samples.sort { $0.timestamp < $1.timestamp } }
        let first = samples.partitioningIndex { $0.timestamp >= query.start }
        let end = samples.partitioningIndex { $0.timestamp > query.end }
        guard first < end else { return }
        onOutcome(
            .series(
                .init(
                    queryIndex: queryIndex,
                    series: TimeSeries(labels: line.labels, samples: Array(samples[first..<end])))
            ))
    }

    /// The limit `line` breaks, if any.
    private func refusal(_ line: ExportLineParser.Line) -> SeriesDropReason? {
        if line.labels.count > limits.labelsPerSeries { return .tooManyLabels }
        let labelBytes = line.labels.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count }
        if labelBytes > limits.labelBytesPerSeries { return .labelBytes }
        if line.samples.count > limits.samplesPerSeries { return .tooManySamples }
        if line.samples.count > limits.samplesPerRead - samplesRead { return .readSamples }
        return nil
    }
}

extension Array {
    /// Whether each adjacent pair is in order.
    fileprivate func isSorted(by inOrder: (Element, Element) -> Bool) -> Bool {
        zip(self, dropFirst()).allSatisfy { inOrder($0, $1) }
    }
}
