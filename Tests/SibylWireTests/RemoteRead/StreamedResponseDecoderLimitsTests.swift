import SibylTestSupport
import SibylWire
import Testing

/// Hostile streamed responses: a series over a limit, or with labels that are not UTF-8, is dropped and counted;
/// the series around it are decoded.
struct StreamedResponseDecoderLimitsTests {
    typealias Crafted = CraftedChunkedResponse

    static let query = RemoteReadQuery(start: 0, end: 100_000_000, matchers: [])

    /// `count` samples `step` ms apart from 1,000.
    static func samples(_ count: Int, step: Int64 = 1000) -> [Sample] {
        (0..<count).map { Sample(timestamp: 1000 + Int64($0) * step, value: 1) }
    }

    /// A well-formed series named `name` with `count` samples, in chunks of up to 120.
    static func good(_ name: String, _ count: Int = 10) throws -> [UInt8] {
        let all = samples(count)
        let chunks = try stride(from: 0, to: all.count, by: 120).map {
            try Crafted.chunk(Array(all[$0..<min(all.count, $0 + 120)]))
        }
        return Crafted.series(labels: [Crafted.label("__name__", name)], chunks: chunks)
    }

    /// Decodes `body` fed in one piece; returns the names of the series delivered and the decoder.
    static func decode(
        _ body: [UInt8], limits: SeriesLimits = SeriesLimits()
    ) throws -> (names: [String], decoder: StreamedResponseDecoder) {
        var decoder = StreamedResponseDecoder(queries: [query], limits: limits)
        let series = try decoder.append(body) + decoder.finish()
        return (series.map { $0.series.label("__name__") ?? "" }, decoder)
    }

    @Test("a label value or name that is not UTF-8 drops its series, not the read")
    func invalidUTF8() throws {
        let badValue = Crafted.series(
            labels: [Crafted.label("__name__", "bad"), Crafted.label(Array("job".utf8), [0x66, 0xff, 0xfe])],
            chunks: [try Crafted.chunk(Self.samples(3))])
        let badName = Crafted.series(
            labels: [Crafted.label("__name__", "bad2"), Crafted.label([0xc3, 0x28], Array("x".utf8))],
            chunks: [try Crafted.chunk(Self.samples(3))])
        let body = Crafted.frame([try Self.good("before"), badValue, badName, try Self.good("after")])
        let (names, decoder) = try Self.decode(body)
        #expect(names == ["before", "after"])
        #expect(decoder.dropped == [.invalidUTF8: 2])
    }

    @Test("more labels than the limit drop the series before they are built, a million empty ones included")
    func tooManyLabels() throws {
        let many = Crafted.series(
            labels: [Crafted.label("__name__", "many")] + Array(repeating: [], count: 1_000_000),
            chunks: [try Crafted.chunk(Self.samples(3))])
        let limit = Crafted.series(
            labels: (0..<1001).map { Crafted.label("l\($0)", "v") }, chunks: [try Crafted.chunk(Self.samples(3))])
        let atLimit = Crafted.series(
            labels: [Crafted.label("__name__", "thousand")] + (0..<999).map { Crafted.label("l\($0)", "v") },
            chunks: [try Crafted.chunk(Self.samples(3))])
        let body = Crafted.frame([many, limit, atLimit, try Self.good("after")])
        let (names, decoder) = try Self.decode(body)
        #expect(names == ["thousand", "after"])
        #expect(decoder.dropped == [.tooManyLabels: 2])
    }

    @Test("labels over the byte limit drop the series")
    func labelBytes() throws {
        let big = Crafted.series(
            labels: [Crafted.label("__name__", "big"), Crafted.label("blob", String(repeating: "x", count: 70_000))],
            chunks: [try Crafted.chunk(Self.samples(3))])
        let (names, decoder) = try Self.decode(Crafted.frame([big, try Self.good("after")]))
        #expect(names == ["after"])
        #expect(decoder.dropped == [.labelBytes: 1])
    }

    @Test("a series over the samples limit is dropped before its chunk is decoded, and counted once over its frames")
    func tooManySamples() throws {
        // 65,535 samples 1 ms apart: 2 bits each on the wire, 16 bytes each once decoded.
        let dense = Crafted.series(
            labels: [Crafted.label("__name__", "dense")], chunks: [try Crafted.chunk(Self.samples(65_535, step: 1))])
        let limits = SeriesLimits(samplesPerSeries: 1000)
        let (names, decoder) = try Self.decode(
            Crafted.frame([try Self.good("before")]) + Crafted.frame([dense]) + Crafted.frame([dense])
                + Crafted.frame([try Self.good("after", 1000)]), limits: limits)
        #expect(names == ["before", "after"])
        #expect(decoder.dropped == [.tooManySamples: 1])
        #expect(decoder.samplesDecoded == 1010)
        // Over several frames: the first frame fits, the second takes the series over the limit.
        let both = Self.samples(1200)
        let split = try [both.prefix(600), both.suffix(600)].map {
            Crafted.series(labels: [Crafted.label("__name__", "split")], chunks: [try Crafted.chunk(Array($0))])
        }
        let (splitNames, splitDecoder) = try Self.decode(
            Crafted.frame([split[0]]) + Crafted.frame([split[1]]) + Crafted.frame([try Self.good("after")]),
            limits: limits)
        #expect(splitNames == ["after"])
        #expect(splitDecoder.dropped == [.tooManySamples: 1])
    }

    @Test("series that would take the read over its samples limit are dropped")
    func readSamples() throws {
        let limits = SeriesLimits(samplesPerRead: 1000)
        let body = Crafted.frame(try ["a", "b", "c", "d"].map { try Self.good($0, 400) })
        let (names, decoder) = try Self.decode(body, limits: limits)
        #expect(names == ["a", "b"])
        #expect(decoder.dropped == [.readSamples: 2])
    }

    @Test("a series within every limit decodes as before")
    func withinLimits() throws {
        let series = TimeSeries(labels: [Label("__name__", "x"), Label("job", "j")], samples: Self.samples(500))
        var decoder = StreamedResponseDecoder(queries: [Self.query])
        let got = try decoder.append(StreamedResponseEncoder.encode([series], queryIndex: 0)) + decoder.finish()
        #expect(got.map(\.series) == [series])
        #expect(decoder.dropped.isEmpty)
    }
}
