import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

/// The export answer decoded as it arrives: whole, drip-fed, concatenated and truncated, limits and clipping.
struct ExportResponseDecoderTests {
    static let query = RemoteReadQuery(start: 2000, end: 5000, matchers: [LabelMatcher("job", .equal, "node")])

    /// Three series; the second is out of time order and partly outside the range, the third wholly outside.
    static let body = Array(
        ([
            #"{"metric":{"job":"node","__name__":"a"},"values":[1,2,3,4],"timestamps":[2000,3000,4000,5000]}"#,
            #"{"metric":{"__name__":"b","job":"node"},"values":[9,8,7,6],"timestamps":[6000,1000,4000,3000]}"#,
            #"{"metric":{"__name__":"c","job":"node"},"values":[5],"timestamps":[1999]}"#,
        ].joined(separator: "\n") + "\n").utf8)

    static func decode(
        _ pieces: [[UInt8]], lineLimit: Int = 1 << 20, limits: SeriesLimits = SeriesLimits()
    ) throws -> (outcomes: [StreamedResponseDecoder.Outcome], decoder: ExportResponseDecoder) {
        var decoder = ExportResponseDecoder(query: query, queryIndex: 3, lineLimit: lineLimit, limits: limits)
        var outcomes: [StreamedResponseDecoder.Outcome] = []
        for piece in pieces { try decoder.append(piece) { outcomes.append($0) } }
        try decoder.finish { outcomes.append($0) }
        return (outcomes, decoder)
    }

    static let expected: [StreamedResponseDecoder.Outcome] = [
        .series(
            .init(
                queryIndex: 3,
                series: TimeSeries(
                    labels: [Label("__name__", "a"), Label("job", "node")],
                    samples: [2000, 3000, 4000, 5000].enumerated().map { Sample(timestamp: $1, value: Double($0 + 1)) }
                ))),
        .series(
            .init(
                queryIndex: 3,
                series: TimeSeries(
                    labels: [Label("__name__", "b"), Label("job", "node")],
                    samples: [Sample(timestamp: 3000, value: 6), Sample(timestamp: 4000, value: 7)]))),
    ]

    @Test("whole, drip-fed byte by byte, and without the last newline: the same series, sorted and clipped")
    func wholeAndDripFed() throws {
        #expect(try Self.decode([Self.body]).outcomes == Self.expected)
        #expect(try Self.decode(Self.body.map { [$0] }).outcomes == Self.expected)
        #expect(try Self.decode([Array(Self.body.dropLast())]).outcomes == Self.expected)
        #expect(try Self.decode([]).outcomes.isEmpty)
        #expect(try Self.decode([Array("\n\n".utf8)]).outcomes.isEmpty)
    }

    @Test("concatenated answers give each series twice; a truncated line fails the read")
    func concatenatedAndTruncated() throws {
        #expect(try Self.decode([Self.body, Self.body]).outcomes == Self.expected + Self.expected)
        for cut in [10, Self.body.count / 2, Self.body.count - 5] {
            #expect(throws: WireError.self) { _ = try Self.decode([Array(Self.body.prefix(cut))]) }
        }
    }

    @Test("a line over the limit fails the read before it is held whole, however it arrives")
    func lineLimit() throws {
        for pieces in [[Self.body], Self.body.map { [$0] }] {
            do {
                _ = try Self.decode(pieces, lineLimit: 80)
                Issue.record("accepted a line over the limit")
            } catch let error as WireError {
                #expect(error.shortDescription == "too_large")
            }
        }
    }

    @Test("series over a limit are dropped and counted, the rest delivered")
    func limits() throws {
        let (outcomes, decoder) = try Self.decode(
            [Self.body], limits: SeriesLimits(samplesPerSeries: 3, samplesPerRead: 100))
        #expect(outcomes.count == 2, "b's samples are counted before clipping; c has none in range")
        guard case .dropped(let dropped) = outcomes.first else {
            Issue.record("\(outcomes)")
            return
        }
        #expect(dropped.reason == .tooManySamples && dropped.queryIndex == 3)
        #expect(dropped.labels == [Label("__name__", "a"), Label("job", "node")])
        #expect(decoder.dropped == [.tooManySamples: 2])
        let labels = try Self.decode([Self.body], limits: SeriesLimits(labelsPerSeries: 1)).decoder.dropped
        #expect(labels == [.tooManyLabels: 3])
        let read = try Self.decode([Self.body], limits: SeriesLimits(samplesPerRead: 5)).decoder
        #expect(read.dropped == [.readSamples: 1] && read.samplesRead == 5)
    }

    @Test("mutated answers never crash")
    func mutatedAnswers() {
        var random = SeededRandom(seed: 1979)
        for _ in 0..<5_000 {
            let bytes = random.mutate(Self.body)
            let split = Int.random(in: 0...bytes.count, using: &random)
            _ = try? Self.decode([Array(bytes[..<split]), Array(bytes[split...])], lineLimit: 200)
        }
    }
}
