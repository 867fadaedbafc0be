import SibylTestSupport
import SibylWire
import Testing

struct XOR2ChunkDecoderTests {
    static let vectors = Result { try PrometheusChunkVectors.load() }

    static func cases(_ encoding: ChunkEncoding) throws -> [PrometheusChunkVectors.FloatCase] {
        try vectors.get().floatCases.filter { $0.encoding == encoding.rawValue }
    }

    @Test("decodes every XOR2 vector bit for bit, start timestamps included")
    func xor2Vectors() throws {
        let cases = try Self.cases(.xor2)
        #expect(cases.count == 36)
        #expect(cases.filter { $0.id.hasSuffix("__resumed_at_1") }.count == 5)
        for vector in cases {
            let (samples, starts) = try XOR2ChunkDecoder.decode(vector.chunk)
            #expect(samples.count == vector.numSamples, "\(vector.id)")
            #expect(samples == vector.samples.map(\.sample), "\(vector.id)")
            #expect(starts == vector.samples.map { $0.st ?? 0 }, "\(vector.id)")
            #expect(samples.map(\.isStaleMarker) == vector.samples.map { $0.stale ?? false }, "\(vector.id)")
        }
    }

    @Test("the vectors exercise start timestamps, stale markers and the 127 rule")
    func coverage() throws {
        let cases = try Self.cases(.xor2)
        #expect(cases.contains { $0.samples.contains { ($0.st ?? 0) != 0 } })
        #expect(cases.contains { $0.samples.contains { $0.stale == true } })
        #expect(cases.contains { $0.numSamples > 127 })
        #expect(cases.contains { $0.samples.contains { $0.t > 1 << 53 } })
    }

    @Test("decodes every XOR vector with the XOR decoder")
    func xorVectors() throws {
        let cases = try Self.cases(.xor)
        #expect(cases.count == 36)
        for vector in cases {
            let samples = try XORChunkDecoder.decode(vector.chunk)
            #expect(samples == vector.samples.map(\.sample), "\(vector.id)")
        }
    }

    @Test("clips to the query's range and keeps start timestamps aligned")
    func clipping() throws {
        let vector = try #require(try Self.cases(.xor2).first { $0.id == "xor2/st_counter_reset_at_5" })
        let all = vector.samples
        let range = all[3].t...all[8].t
        var samples: [Sample] = []
        var starts: [Int64] = []
        try vector.chunk.withUnsafeBytes { bytes in
            try XOR2ChunkDecoder.decode(bytes, clippingTo: range, into: &samples, startTimestamps: &starts)
        }
        #expect(samples == all[3...8].map(\.sample))
        #expect(starts == all[3...8].map { $0.st ?? 0 })
    }

    @Test("a truncated or inconsistent chunk throws, never traps")
    func corrupt() throws {
        let vector = try #require(try Self.cases(.xor2).first { $0.id == "xor2/random_full_precision" })
        let chunk = vector.chunk
        for length in [0, 2, 3, 10, chunk.count / 2, chunk.count - 1] {
            #expect(throws: WireError.self) { try XOR2ChunkDecoder.decode(Array(chunk.prefix(length))) }
        }
        // 65,535 samples declared in 20 bytes.
        #expect(throws: WireError.self) { try XOR2ChunkDecoder.decode([0xff, 0xff] + chunk.dropFirst(2).prefix(18)) }
    }

    @Test("65,535 samples with the 127 rule decode to what was encoded")
    func maximumSamples() throws {
        // The vectors describe this case only by its size (README §4): 65,535 samples, ST header 0x7f. Its generating
        // formula is not in the fixtures, so the chunk is built here from the prose of README §7 with a 15 s interval,
        // jitter and changing values, and the decoder checked against the inputs.
        let count = 65_535
        var encoder = XOR2ChunkEncoder()
        var want: [Sample] = []
        for index in 0..<count {
            let jitter = Int64(index % 7 == 0 ? index % 5 : 0)
            let value = index % 11 == 0 ? Double(index / 11) : Double(index % 3) * 0.5
            want.append(Sample(timestamp: 1_700_000_000_000 + 15_000 * Int64(index) + jitter, value: value))
        }
        for sample in want { try encoder.append(sample) }
        let chunk = encoder.bytes
        #expect(chunk[2] == 0x7f)
        let (samples, starts) = try XOR2ChunkDecoder.decode(chunk)
        #expect(samples.count == count)
        #expect(samples == want)
        #expect(starts.allSatisfy { $0 == 0 })
    }
}
