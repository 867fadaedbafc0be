import SibylTestSupport
import SibylWire
import Testing

struct XORChunkEncoderTests {
    @Test("re-encoding Prometheus' edge-case samples gives its chunk byte for byte")
    func edgeCasesByteExact() throws {
        let chunk = [UInt8](try Fixtures.data("remote-read/synthetic/xor_edge_cases.chunk"))
        let samples = try XORChunkDecoderTests.expected("remote-read/synthetic/xor_edge_cases.json")
        #expect(try XORChunkEncoder.encode(samples) == chunk)
    }

    @Test("re-encoding the clamp example gives its chunk byte for byte")
    func clampByteExact() throws {
        let chunk = [UInt8](try Fixtures.data("remote-read/synthetic/xor_clamp.chunk"))
        let samples = try XORChunkDecoder.decode(chunk)
        #expect(try XORChunkEncoder.encode(samples) == chunk)
    }

    @Test("round trip of 100,000 seeded random series, compared by bit pattern")
    func randomRoundTrip() throws {
        var random = SeededRandom(seed: 0x5eed_0002)
        for _ in 0..<100_000 {
            let samples = random.samples()
            let decoded = try XORChunkDecoder.decode(try XORChunkEncoder.encode(samples))
            guard decoded == samples else {
                Issue.record("round trip differs for \(samples)")
                return
            }
        }
    }

    @Test("a chunk is full at 65,535 samples")
    func capacity() throws {
        var encoder = XORChunkEncoder()
        for index in 0..<XORChunkEncoder.maxSamples {
            try encoder.append(Sample(timestamp: Int64(index) * 1000, value: Double(index % 7)))
        }
        #expect(throws: WireError.self) { try encoder.append(Sample(timestamp: 0, value: 0)) }
        #expect(try XORChunkDecoder.decode(encoder.bytes).count == 65535)
    }
}
