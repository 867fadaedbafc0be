import SibylTestSupport
import SibylWire
import Testing

struct SamplesResponseDecoderTests {
    @Test("decodes the captured SAMPLES response to the expected series")
    func capturedResponse() throws {
        let decoded = try SamplesResponseDecoder.decode(
            try RemoteReadFixtures.bytes("samples_response.snappy"), queryCount: 3)
        let expected = try RemoteReadFixtures.expectedSeries()
        #expect(decoded.count == 3)
        for (got, want) in zip(decoded, expected) {
            // The SAMPLES path is unsorted in principle; compare as sets of series.
            #expect(Set(got) == Set(want))
            #expect(got.count == want.count)
        }
    }

    @Test("an empty result is the body 02 04 0a 00")
    func emptyResult() throws {
        #expect(try SamplesResponseDecoder.decode([0x02, 0x04, 0x0a, 0x00], queryCount: 1) == [[]])
        #expect(SamplesResponseDecoder.encode([[]]) == [0x02, 0x04, 0x0a, 0x00])
    }

    @Test("series are counted on the wire before they are built, and too many are refused")
    func seriesLimit() throws {
        // One result of 3,000,000 empty series (2 bytes each): 6 MB decoded, 0.3 MB of snappy on the wire.
        let series = 3_000_000
        var inner: [UInt8] = []
        inner.reserveCapacity(2 * series)
        for _ in 0..<series { inner += [0x0A, 0x00] }
        var length: [UInt8] = []
        var remaining = inner.count
        while remaining >= 0x80 {
            length.append(UInt8(remaining & 0x7F) | 0x80)
            remaining >>= 7
        }
        length.append(UInt8(remaining))
        let body = Snappy.compress([0x0A] + length + inner)
        #expect(throws: WireError.tooLarge("ReadResponse holds 3000000 series, over the limit of 1000000")) {
            try SamplesResponseDecoder.decode(body, queryCount: 1)
        }
        #expect(try SamplesResponseDecoder.decode(body, queryCount: 1, seriesLimit: series)[0].count == series)
        // The count agrees with the decoder on real and generated bodies.
        let captured = try RemoteReadFixtures.bytes("samples_response.snappy")
        let decoded = try SamplesResponseDecoder.decode(captured, queryCount: 3)
        #expect(
            throws: WireError.self,
            performing: {
                try SamplesResponseDecoder.decode(
                    captured, queryCount: 3, seriesLimit: decoded.map(\.count).reduce(0, +) - 1)
            })
        #expect(
            try SamplesResponseDecoder.decode(
                captured, queryCount: 3, seriesLimit: decoded.map(\.count).reduce(0, +)
            ).count == 3)
    }

    @Test("a result count other than the query count is an error")
    func wrongResultCount() {
        #expect(throws: WireError.self) { try SamplesResponseDecoder.decode([0x02, 0x04, 0x0a, 0x00], queryCount: 2) }
    }

    @Test("encode then decode keeps every bit")
    func roundTrip() throws {
        var random = SeededRandom(seed: 0x5eed_0010)
        for _ in 0..<2000 {
            let results = (0..<Int.random(in: 1...3, using: &random)).map { query in
                (0..<Int.random(in: 0...3, using: &random)).map { index in
                    TimeSeries(
                        labels: [Label("__name__", "m\(query)"), Label("i", "\(index)")],
                        samples: random.samples())
                }
            }
            let decoded = try SamplesResponseDecoder.decode(
                SamplesResponseDecoder.encode(results), queryCount: results.count)
            // swift-protobuf writes −0.0 (it tests the bit pattern); Prometheus' gogo encoder would drop it.
            #expect(decoded == results)
        }
    }

    @Test("100,000 mutated bodies decode or throw, never crash")
    func mutationLoop() throws {
        let seed = try RemoteReadFixtures.bytes("samples_response.snappy")
        var random = SeededRandom(seed: 0x5eed_0011)
        var rejected = 0
        for _ in 0..<100_000 {
            let input = random.mutate(seed)
            do {
                _ = try SamplesResponseDecoder.decode(input, queryCount: 3, limit: 1 << 20)
            } catch {
                rejected += 1
            }
        }
        #expect(rejected > 50_000)
    }
}
