import Foundation
import SibylTestSupport
import SibylWire
import Testing

struct XORChunkDecoderTests {
    static func expected(_ jsonPath: String) throws -> [Sample] {
        try WireFixtureSeries(WireFixtureSeries.json(jsonPath)).samples.map {
            Sample(timestamp: $0.0, value: Double(bitPattern: $0.1))
        }
    }

    @Test("decodes Prometheus' edge-case chunk bit for bit")
    func edgeCases() throws {
        let chunk = [UInt8](try Fixtures.data("remote-read/synthetic/xor_edge_cases.chunk"))
        let samples = try XORChunkDecoder.decode(chunk)
        let want = try Self.expected("remote-read/synthetic/xor_edge_cases.json")
        #expect(samples.count == 160)
        #expect(samples == want)
        #expect(samples.contains { $0.isStaleMarker })
        #expect(samples.contains { $0.value.bitPattern == 0x7ff8_0000_0000_0001 })
        #expect(samples.contains { $0.value.bitPattern == (-0.0 as Double).bitPattern })
    }

    @Test("decodes the clamped leading-zero chunk")
    func clamp() throws {
        let chunk = [UInt8](try Fixtures.data("remote-read/synthetic/xor_clamp.chunk"))
        let samples = try XORChunkDecoder.decode(chunk)
        #expect(
            samples.map(\.value.bitPattern) == [0x3ff0_0000_0000_0000, 0x3ff0_0000_0000_0001, 0x3ff0_0000_0000_0002])
        #expect(samples.map(\.timestamp) == [1_700_005_000_000, 1_700_005_001_000, 1_700_005_002_000])
    }

    @Test("decodes the worked example of protocols.md §2.4")
    func workedExample() throws {
        let chunk = Self.hex("0076aab5c2d1c3683ff00000000000008827") + [UInt8](repeating: 0, count: 30)
        let samples = try XORChunkDecoder.decode(chunk)
        #expect(samples.count == 118)
        for (index, sample) in samples.enumerated() {
            #expect(sample == Sample(timestamp: 1_795_784_461_653 + 5000 * Int64(index), value: 1.0))
        }
        let trimmed = try XORChunkDecoder.decode(Self.hex("000a8ab88ad2c3683ff00000000000008827000000"))
        #expect(trimmed.count == 10)
        #expect(trimmed.first?.timestamp == 1_795_785_051_653)
    }

    @Test("an empty chunk holds no samples")
    func emptyChunk() throws {
        #expect(try XORChunkDecoder.decode([0, 0]).isEmpty)
    }

    @Test("clips to the inclusive range")
    func clipping() throws {
        let chunk = [UInt8](try Fixtures.data("remote-read/synthetic/xor_edge_cases.chunk"))
        let all = try XORChunkDecoder.decode(chunk)
        let range = all[10].timestamp...all[20].timestamp
        var clipped: [Sample] = []
        try chunk.withUnsafeBytes { try XORChunkDecoder.decode($0, clippingTo: range, into: &clipped) }
        #expect(clipped == Array(all[10...20]))
    }

    @Test("forEachSample hands over exactly the samples decode keeps, bits included, for every range")
    func forEachSampleMatchesDecode() throws {
        let chunk = [UInt8](try Fixtures.data("remote-read/synthetic/xor_edge_cases.chunk"))
        let all = try XORChunkDecoder.decode(chunk)
        for (low, high) in [(0, all.count - 1), (10, 20), (0, 0), (all.count - 1, all.count - 1), (57, 130)] {
            let range = all[low].timestamp...all[high].timestamp
            var seen: [Sample] = []
            try chunk.withUnsafeBytes { bytes in
                try XORChunkDecoder.forEachSample(bytes, clippingTo: range) {
                    seen.append(Sample(timestamp: $0, value: $1))
                }
            }
            #expect(seen.map(\.timestamp) == all[low...high].map(\.timestamp))
            #expect(seen.map(\.value.bitPattern) == all[low...high].map(\.value.bitPattern))
        }
        var none = 0
        try chunk.withUnsafeBytes { try XORChunkDecoder.forEachSample($0, clippingTo: 0...1) { _, _ in none += 1 } }
        #expect(none == 0)
    }

    @Test("forEachSample rejects a truncated chunk with the same error as decode")
    func forEachSampleTruncated() throws {
        let chunk = [UInt8](try Fixtures.data("remote-read/synthetic/xor_edge_cases.chunk"))
        for length in [1, 5, chunk.count / 2, chunk.count - 1] {
            let cut = Array(chunk.prefix(length))
            #expect(throws: WireError.self, "\(length) bytes") {
                try cut.withUnsafeBytes { try XORChunkDecoder.forEachSample($0, clippingTo: .min ... .max) { _, _ in } }
            }
        }
    }

    @Test("every truncation of a valid chunk throws and leaves the output unchanged")
    func truncations() throws {
        let chunk = [UInt8](try Fixtures.data("remote-read/synthetic/xor_edge_cases.chunk"))
        for length in 0..<chunk.count {
            var output = [Sample(timestamp: 1, value: 1)]
            #expect(throws: WireError.self) {
                try Array(chunk[..<length]).withUnsafeBytes {
                    try XORChunkDecoder.decode($0, clippingTo: Int64.min...Int64.max, into: &output)
                }
            }
            #expect(output == [Sample(timestamp: 1, value: 1)])
        }
    }

    @Test("a header declaring more samples than the bytes can hold is rejected before allocating")
    func oversizedCount() {
        #expect(throws: WireError.self) { try XORChunkDecoder.decode([0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) }
    }

    @Test("100,000 mutated chunks decode or throw, never crash")
    func mutationLoop() throws {
        let seeds = [
            [UInt8](try Fixtures.data("remote-read/synthetic/xor_edge_cases.chunk")),
            [UInt8](try Fixtures.data("remote-read/synthetic/xor_clamp.chunk")),
            Self.hex("0076aab5c2d1c3683ff00000000000008827") + [UInt8](repeating: 0, count: 30),
        ]
        var random = SeededRandom(seed: 0x5eed_0001)
        var decoded = 0
        var rejected = 0
        for iteration in 0..<100_000 {
            let input = random.mutate(seeds[iteration % seeds.count])
            do {
                let samples = try XORChunkDecoder.decode(input)
                #expect(samples.count <= 65535)
                decoded += 1
            } catch {
                rejected += 1
            }
        }
        #expect(decoded + rejected == 100_000)
        #expect(rejected > 0)
    }

    static func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }
}
