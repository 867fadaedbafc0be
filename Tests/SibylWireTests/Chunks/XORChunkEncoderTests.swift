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
            let samples = Self.randomSeries(&random)
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

    /// 1–40 samples with random gaps (including every delta-of-delta bucket and backwards steps)
    /// and values drawn from specials, repeats, small changes and arbitrary bit patterns.
    static func randomSeries(_ random: inout SeededRandom) -> [Sample] {
        let specials: [Double] = [
            .nan, Double(bitPattern: 0x7ff8_0000_0000_0001), Sample.staleNaN, .infinity, -.infinity, 0, -0.0,
            .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
            Double(bitPattern: 0x000f_ffff_ffff_ffff),
        ]
        let count = Int.random(in: 1...40, using: &random)
        var timestamp = Int64.random(in: -1_000_000_000_000...4_000_000_000_000, using: &random)
        var value = Double.random(in: -1e6...1e6, using: &random)
        var samples: [Sample] = []
        for _ in 0..<count {
            samples.append(Sample(timestamp: timestamp, value: value))
            switch Int.random(in: 0..<10, using: &random) {
            case 0: timestamp &+= Int64.random(in: -1...1, using: &random)
            case 1: timestamp &+= Int64.random(in: -600_000...600_000, using: &random)
            case 2: timestamp &+= Int64.random(in: Int64.min / 4...Int64.max / 4, using: &random)
            default: timestamp &+= 5000 + Int64.random(in: -3...3, using: &random)
            }
            switch Int.random(in: 0..<8, using: &random) {
            case 0: value = specials[Int.random(in: 0..<specials.count, using: &random)]
            case 1: value = Double(bitPattern: random.next())
            case 2, 3: break
            case 4: value += 1
            default: value = Double.random(in: -1e12...1e12, using: &random)
            }
        }
        return samples
    }
}
