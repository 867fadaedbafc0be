import SibylTestSupport
import SibylWire
import Testing

/// Chunks in every encoding of Prometheus 3: each series becomes float samples, histogram samples or a drop.
struct StreamedResponseDecoderEncodingTests {
    typealias Mixed = MixedEncodingResponse

    static func decode(_ body: [UInt8], chunkSize: Int = .max) throws -> [StreamedResponseDecoder.Outcome] {
        let query = RemoteReadQuery(
            start: Mixed.time - 3_600_000, end: Mixed.time, matchers: [LabelMatcher("job", .equal, "mixed")])
        var decoder = StreamedResponseDecoder(queries: [query])
        var outcomes: [StreamedResponseDecoder.Outcome] = []
        var offset = 0
        while offset < body.count {
            let end = min(body.count, offset + chunkSize)
            try decoder.append(body[offset..<end]) { outcomes.append($0) }
            offset = end
        }
        outcomes += try decoder.finish().map { .series($0) }
        #expect(decoder.dropped == [.unsupportedEncoding: 1, .corruptChunk: 1])
        return outcomes
    }

    @Test("XOR and XOR2 give float series, HISTOGRAM a histogram series; encoding 9 and a corrupt chunk drop theirs")
    func mixed() throws {
        for chunkSize in [Int.max, 7] {
            let outcomes = try Self.decode(try Mixed.body(), chunkSize: chunkSize)
            #expect(outcomes.count == 5)
            var series: [String: TimeSeries] = [:]
            var dropped: [String: StreamedResponseDecoder.DroppedSeries] = [:]
            for outcome in outcomes {
                switch outcome {
                case .series(let one): series[one.series.label("__name__") ?? ""] = one.series
                case .dropped(let one): dropped[one.labels.dictionary["__name__"] ?? ""] = one
                }
            }
            #expect(series["mixed_xor"]?.samples == Mixed.xorSamples)
            #expect(series["mixed_xor"]?.startTimestamps == [])
            #expect(series["mixed_xor"]?.histograms == [])
            #expect(series["mixed_xor2"]?.samples == Mixed.xor2Samples)
            #expect(series["mixed_xor2"]?.startTimestamps == Mixed.xor2Samples.map { _ in Mixed.xor2Start })
            #expect(series["mixed_histogram"]?.samples == [])
            #expect(series["mixed_histogram"]?.histograms == (try Mixed.histogram().samples))
            #expect(dropped["mixed_unknown"]?.reason == .unsupportedEncoding)
            #expect(dropped["mixed_unknown"]?.labels == Mixed.labels("mixed_unknown"))
            #expect(dropped["mixed_corrupt"]?.reason == .corruptChunk)
            #expect(dropped["mixed_corrupt"]?.message.contains("XOR2") == true)
        }
    }

    @Test("every histogram and float vector decodes inside a streamed response")
    func everyVector() throws {
        typealias Crafted = CraftedChunkedResponse
        let vectors = try PrometheusChunkVectors.load()
        var body: [UInt8] = []
        var want: [String: Int] = [:]
        for vector in vectors.floatCases {
            body += Crafted.frame([
                Crafted.series(
                    labels: [Crafted.label("__name__", "v"), Crafted.label("id", vector.id)],
                    chunks: [Crafted.chunk(encoding: vector.encoding, data: vector.chunk)])
            ])
            want[vector.id] = vector.numSamples
        }
        for vector in vectors.histogramCases {
            body += Crafted.frame([
                Crafted.series(
                    labels: [Crafted.label("__name__", "v"), Crafted.label("id", vector.id)],
                    chunks: [Crafted.chunk(encoding: vector.encoding, data: vector.chunk)])
            ])
            want[vector.id] = vector.numSamples
        }
        var decoder = StreamedResponseDecoder(queries: [RemoteReadQuery(start: .min, end: .max, matchers: [])])
        var got: [String: Int] = [:]
        try decoder.append(body) { (outcome: StreamedResponseDecoder.Outcome) in
            guard case .series(let one) = outcome else { return }
            got[one.series.label("id") ?? ""] = one.series.samples.count + one.series.histograms.count
        }
        for one in try decoder.finish() {
            got[one.series.label("id") ?? ""] = one.series.samples.count + one.series.histograms.count
        }
        #expect(want.count == 83)
        #expect(decoder.dropped.isEmpty)
        // Samples that do not advance time are dropped (the vectors repeat timestamps on purpose).
        for (id, count) in want { #expect((1...count).contains(got[id] ?? 0), "\(id)") }
    }

    @Test("the streamed-response fuzz seed of mixed encodings decodes to four series and one drop")
    func fuzzSeed() throws {
        let body = try [UInt8](Fixtures.data("fuzz/streamed-response/mixed-encodings"))
        var decoder = StreamedResponseDecoder(queries: [RemoteReadQuery(start: .min, end: .max, matchers: [])])
        var series = try decoder.append(body)
        series += try decoder.finish()
        #expect(series.map { $0.series.label("id") } == ["a", "b", "c", "d"])
        #expect(series.map { $0.series.samples.count } == [16, 12, 0, 0])
        #expect(series.map { $0.series.histograms.count } == [0, 0, 4, 3])
        #expect(decoder.dropped == [.unsupportedEncoding: 1])
    }

    @Test("a damaged frame still fails the read, naming its byte offset")
    func damagedFrame() throws {
        var body = try Mixed.body()
        body[body.count - 3] ^= 0xff  // inside the last frame's message
        let error = #expect(throws: WireError.self) { _ = try Self.decode(body) }
        #expect(error?.shortDescription == "checksum_mismatch")
        #expect(error?.message.contains("at byte ") == true)
    }

    @Test("the limits hold for histogram and XOR2 chunks")
    func limits() throws {
        let query = RemoteReadQuery(start: .min, end: .max, matchers: [])
        var decoder = StreamedResponseDecoder(queries: [query], limits: SeriesLimits(samplesPerSeries: 3))
        var dropped: [SeriesDropReason] = []
        try decoder.append(try Mixed.body()) { (outcome: StreamedResponseDecoder.Outcome) in
            if case .dropped(let one) = outcome { dropped.append(one.reason) }
        }
        _ = try decoder.finish()
        #expect(dropped == [.tooManySamples, .tooManySamples, .tooManySamples, .unsupportedEncoding, .tooManySamples])
    }
}
