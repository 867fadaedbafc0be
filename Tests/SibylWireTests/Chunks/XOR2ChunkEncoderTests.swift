import SibylTestSupport
import SibylWire
import Testing

struct XOR2ChunkEncoderTests {
    @Test("reproduces every XOR2 vector of a fresh appender byte for byte, start timestamps included")
    func vectors() throws {
        let cases = try XOR2ChunkDecoderTests.cases(.xor2).filter { !$0.id.hasSuffix("__resumed_at_1") }
        #expect(cases.count == 31)
        for vector in cases {
            var encoder = XOR2ChunkEncoder()
            for sample in vector.samples { try encoder.append(sample.sample, startTimestamp: sample.st ?? 0) }
            #expect(encoder.bytes == vector.chunk, "\(vector.id)")
        }
    }

    @Test("refuses a 65,536th sample")
    func full() throws {
        var encoder = XOR2ChunkEncoder()
        for index in 0..<XOR2ChunkEncoder.maxSamples {
            try encoder.append(Sample(timestamp: Int64(index) * 15_000, value: 1))
        }
        #expect(throws: WireError.self) { try encoder.append(Sample(timestamp: 1 << 40, value: 1)) }
    }
}
