import Foundation
import SibylTestSupport
import SibylWire
import Testing

struct StreamedResponseDecoderTests {
    @Test("decodes the captured streamed response to the expected series", arguments: [Int.max, 1, 7, 64, 1000])
    func capturedResponse(pieceSize: Int) throws {
        let body = try RemoteReadFixtures.bytes("streamed_response.bin")
        let decoded = try RemoteReadFixtures.decodeStreamed(
            body, queries: RemoteReadFixtures.queries, pieceSize: pieceSize)
        #expect(decoded == (try RemoteReadFixtures.expectedSeries()))
    }

    @Test("the callback form hands over the same series, in the same order, as the array form returns")
    func callbackForm() throws {
        let body = try RemoteReadFixtures.bytes("streamed_response.bin")
        var decoder = StreamedResponseDecoder(queries: RemoteReadFixtures.queries)
        var handed: [StreamedResponseDecoder.Series] = []
        try decoder.append(body) { handed.append($0) }
        handed += try decoder.finish()
        var arrays = StreamedResponseDecoder(queries: RemoteReadFixtures.queries)
        let returned = try arrays.append(body) + arrays.finish()
        #expect(handed == returned)
        #expect(handed.count == (try RemoteReadFixtures.expectedSeries()).joined().count)
    }

    @Test("SAMPLES and STREAMED captures decode to identical series")
    func bothResponseTypesAgree() throws {
        let streamed = try RemoteReadFixtures.decodeStreamed(
            try RemoteReadFixtures.bytes("streamed_response.bin"), queries: RemoteReadFixtures.queries)
        let samples = try SamplesResponseDecoder.decode(
            try RemoteReadFixtures.bytes("samples_response.snappy"), queryCount: 3)
        #expect(streamed.map(Set.init) == samples.map(Set.init))
    }

    @Test("a series split over several frames is joined; the second query follows", arguments: [Int.max, 1, 13])
    func multiframe(pieceSize: Int) throws {
        let directory = "remote-read/synthetic"
        let body = [UInt8](try Fixtures.data("\(directory)/multiframe_response.bin"))
        let queries = [
            RemoteReadQuery(
                start: 1_700_000_000_000, end: 1_700_010_000_000,
                matchers: [LabelMatcher("__name__", .equal, "many_chunks")]),
            RemoteReadQuery(
                start: 1_700_000_000_000, end: 1_700_010_000_000,
                matchers: [LabelMatcher("__name__", .equal, "xor_edge_cases")]),
        ]
        let decoded = try RemoteReadFixtures.decodeStreamed(body, queries: queries, pieceSize: pieceSize)
        #expect(decoded[0].count == 1)
        let manyChunks = (0..<1000).map { Sample(timestamp: 1_700_003_500_000 + Int64($0) * 1000, value: Double($0)) }
        #expect(decoded[0].first?.samples == manyChunks)
        #expect(decoded[0].first?.labels == [Label("__name__", "many_chunks"), Label("job", "synthetic")])
        let edge = try XORChunkDecoderTests.expected("\(directory)/xor_edge_cases.json")
        #expect(decoded[1].first?.samples == edge)
    }

    @Test("samples outside the query range are clipped")
    func clipping() throws {
        let body = try RemoteReadFixtures.bytes("streamed_response.bin")
        var narrow = RemoteReadFixtures.queries
        for index in narrow.indices {
            narrow[index].start = 1_795_784_700_000
            narrow[index].end = 1_795_784_800_000
        }
        let decoded = try RemoteReadFixtures.decodeStreamed(body, queries: narrow)
        let expected = try RemoteReadFixtures.expectedSeries()
        for (got, want) in zip(decoded.joined(), expected.joined()) {
            #expect(
                got.samples == want.samples.filter { (1_795_784_700_000...1_795_784_800_000).contains($0.timestamp) })
        }
    }

    @Test("kept XOR chunks hold exactly the samples they name; clipped chunks are not kept; off by default")
    func keptChunks() throws {
        let body = try RemoteReadFixtures.bytes("streamed_response.bin")
        for narrow in [false, true] {
            var queries = RemoteReadFixtures.queries
            if narrow {
                for index in queries.indices {
                    queries[index].start = 1_795_784_700_000
                    queries[index].end = 1_795_784_800_000
                }
            }
            var decoder = StreamedResponseDecoder(queries: queries)
            decoder.keepsXORChunks = true
            let series = try decoder.append(body) + decoder.finish()
            var kept = 0
            for one in series {
                var next = 0
                for chunk in one.xorChunks {
                    #expect(chunk.samples.lowerBound >= next)
                    next = chunk.samples.upperBound
                    let decoded = try XORChunkDecoder.decode(chunk.bytes)
                    #expect(decoded.map(\.timestamp) == one.series.samples[chunk.samples].map(\.timestamp))
                    #expect(
                        decoded.map(\.value.bitPattern) == one.series.samples[chunk.samples].map(\.value.bitPattern))
                    kept += 1
                }
            }
            // The whole range keeps chunks; the narrow one clips every chunk it touches (100 s of 5 s samples lie
            // inside chunks of 120), so none is whole.
            #expect(narrow ? kept == 0 : kept > 0, "narrow: \(narrow)")
            var plain = StreamedResponseDecoder(queries: queries)
            #expect((try plain.append(body) + plain.finish()).allSatisfy { $0.xorChunks.isEmpty })
        }
    }

    @Test("samples that do not advance time are dropped inside a chunk as across chunks (no amplification)")
    func repeatedTimestamps() throws {
        let labels = [Label("__name__", "x")]
        let repeated = (0..<10_000).map { Sample(timestamp: 1_000 + Int64($0 / 1_000) * 1_000, value: Double($0)) }
        let series = TimeSeries(labels: labels, samples: repeated + [Sample(timestamp: 500, value: -1)])
        let query = RemoteReadQuery(start: 0, end: 100_000, matchers: [])
        for perChunk in [7, 120, 5_000] {
            var decoder = StreamedResponseDecoder(queries: [query])
            let body = StreamedResponseEncoder.encode([series], queryIndex: 0, samplesPerChunk: perChunk)
            let decoded = try decoder.append(body) + decoder.finish()
            #expect(decoded.count == 1)
            #expect(decoded.first?.series.samples.map(\.timestamp) == (1...10).map { Int64($0) * 1_000 })
            #expect(decoded.first?.series.samples.map(\.value) == (0..<10).map { Double($0 * 1_000) })
        }
    }

    @Test("two bodies concatenated decode as their series in order")
    func concatenated() throws {
        let body = try RemoteReadFixtures.bytes("streamed_response.bin")
        var decoder = StreamedResponseDecoder(queries: RemoteReadFixtures.queries)
        var series = try decoder.append(body)
        series += try decoder.finish()
        #expect(series.count == 5)
        #expect(decoder.bytesConsumed == body.count)
    }

    @Test("a body cut anywhere inside a frame is an error naming the frame")
    func truncations() throws {
        let body = try RemoteReadFixtures.bytes("streamed_response.bin")
        var boundaries = Set<Int>()
        var reader = ChunkedFrameReader()
        reader.append(body)
        while try reader.next() != nil { boundaries.insert(reader.offset) }
        for length in 1..<body.count where !boundaries.contains(length) {
            #expect(throws: WireError.self) {
                _ = try RemoteReadFixtures.decodeStreamed(Array(body[..<length]), queries: RemoteReadFixtures.queries)
            }
        }
    }

    @Test("a frame over the limit is refused from its length prefix alone")
    func frameLimit() throws {
        let body = try RemoteReadFixtures.bytes("streamed_response.bin")
        var decoder = StreamedResponseDecoder(queries: RemoteReadFixtures.queries, frameLimit: 100)
        #expect(throws: WireError.self) { _ = try decoder.append(body[0..<3]) }
    }

    @Test("100,000 mutated bodies decode or throw, never crash")
    func mutationLoop() throws {
        let seeds = [
            try RemoteReadFixtures.bytes("streamed_response.bin"),
            [UInt8](try Fixtures.data("remote-read/synthetic/multiframe_response.bin")),
        ]
        var random = SeededRandom(seed: 0x5eed_0012)
        var rejected = 0
        for iteration in 0..<100_000 {
            let input = random.mutate(seeds[iteration % 2])
            do {
                var decoder = StreamedResponseDecoder(queries: RemoteReadFixtures.queries, frameLimit: 1 << 16)
                _ = try decoder.append(input)
                _ = try decoder.finish()
            } catch {
                rejected += 1
            }
        }
        #expect(rejected > 50_000)
    }
}
