import SibylTestSupport
import SibylWire
import Testing

struct CRC32CTests {
    @Test("check value of \"123456789\" is 0xE3069283")
    func checkValue() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    }

    @Test("every length agrees with the bitwise definition")
    func matchesBitwise() {
        var random = SeededRandom(seed: 0x5eed_0020)
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            #expect(CRC32C.checksum(bytes) == Self.bitwise(bytes))
        }
    }

    @Test("the captured first frame's CRC is 0x7cdf95de")
    func capturedFrame() throws {
        let body = try RemoteReadFixtures.bytes("streamed_response.bin")
        #expect(Array(body[2..<6]) == [0x7c, 0xdf, 0x95, 0xde])
        #expect(CRC32C.checksum(Array(body[6..<(6 + 188)])) == 0x7cdf_95de)
    }

    static func bitwise(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }
}
