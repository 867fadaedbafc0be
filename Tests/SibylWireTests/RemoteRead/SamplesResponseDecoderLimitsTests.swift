import SibylTestSupport
import SibylWire
import Testing

/// A SAMPLES response read straight from the wire: the same series as through SwiftProtobuf, and a series with a
/// label that is not UTF-8, or over a limit, left out and counted instead of failing the response.
struct SamplesResponseDecoderLimitsTests {
    typealias Crafted = CraftedChunkedResponse

    /// A `TimeSeries` message of raw labels and `count` samples.
    static func series(_ labels: [[UInt8]], samples count: Int = 3) -> [UInt8] {
        let samples = (0..<count).map {
            Crafted.field(1, fixed64: Double($0).bitPattern) + Crafted.field(2, varint: UInt64(1000 + $0 * 1000))
        }
        return labels.flatMap { Crafted.field(1, $0) } + samples.flatMap { Crafted.field(2, $0) }
    }

    /// A snappy `ReadResponse` of one result holding `series`.
    static func response(_ series: [[UInt8]]) -> [UInt8] {
        Snappy.compress(Crafted.field(1, series.flatMap { Crafted.field(1, $0) }))
    }

    @Test("the captured response decodes to the same series as through SwiftProtobuf")
    func sameAsSwiftProtobuf() throws {
        let body = try RemoteReadFixtures.bytes("samples_response.snappy")
        let decoded = try SamplesResponseDecoder.decode(body, queryCount: 3, limits: SeriesLimits())
        #expect(decoded.series == (try SamplesResponseDecoder.decode(body, queryCount: 3)))
        #expect(decoded.dropped.isEmpty)
    }

    @Test("a label that is not UTF-8, too many labels or samples drop their series, not the response")
    func dropsAreCounted() throws {
        let body = Self.response([
            Self.series([Crafted.label("__name__", "good")]),
            Self.series([Crafted.label("__name__", "utf8"), Crafted.label(Array("job".utf8), [0xff])]),
            Self.series([Crafted.label("__name__", "wide")] + Array(repeating: [], count: 2000)),
            Self.series([Crafted.label("__name__", "long")], samples: 20),
            Self.series([Crafted.label("__name__", "big"), Crafted.label("x", String(repeating: "y", count: 100))]),
        ])
        let limits = SeriesLimits(labelBytesPerSeries: 64, samplesPerSeries: 10)
        let decoded = try SamplesResponseDecoder.decode(body, queryCount: 1, limits: limits)
        #expect(decoded.series.map { $0.map { $0.label("__name__") } } == [["good"]])
        #expect(
            decoded.series.first?.first?.samples
                == (0..<3).map { Sample(timestamp: 1000 + Int64($0) * 1000, value: Double($0)) })
        #expect(
            decoded.dropped == [.invalidUTF8: 1, .tooManyLabels: 1, .tooManySamples: 1, .labelBytes: 1])
    }

    @Test("series that would take the response over the read's samples limit are dropped")
    func readSamples() throws {
        let body = Self.response((0..<4).map { Self.series([Crafted.label("__name__", "s\($0)")], samples: 4) })
        let decoded = try SamplesResponseDecoder.decode(body, queryCount: 1, limits: SeriesLimits(samplesPerRead: 10))
        #expect(decoded.series.first?.count == 2)
        #expect(decoded.dropped == [.readSamples: 2])
    }
}
