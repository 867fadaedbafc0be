import Testing

@testable import SibylWire

struct BitWriterTests {
    /// Go's `bstream` as written: `writeBits` as whole bytes by `writeByte`, then the rest bit by bit.
    struct GoBitStream {
        var bytes: [UInt8] = []
        var free = 0

        mutating func writeBit(_ bit: Bool) {
            if free == 0 {
                bytes.append(0)
                free = 8
            }
            if bit { bytes[bytes.count - 1] |= 1 << UInt8(free - 1) }
            free -= 1
        }

        mutating func writeByte(_ byte: UInt8) {
            if free == 0 {
                bytes.append(0)
                free = 8
            }
            bytes[bytes.count - 1] |= byte >> UInt8(8 - free)
            bytes.append(free == 8 ? 0 : byte << UInt8(free))
        }

        mutating func writeBits(_ value: UInt64, _ count: Int) {
            var bits = count == 64 ? value : value << UInt64(64 - count)
            var remaining = count
            while remaining >= 8 {
                writeByte(UInt8(truncatingIfNeeded: bits >> 56))
                bits <<= 8
                remaining -= 8
            }
            while remaining > 0 {
                writeBit(bits >> 63 == 1)
                bits <<= 1
                remaining -= 1
            }
        }
    }

    @Test("writeBits leaves the bytes Go's bit-by-bit stream leaves, trailing empty byte included, after every write")
    func matchesGo() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var writer = BitWriter()
            var reference = GoBitStream()
            for _ in 0..<Int.random(in: 1...40, using: &random) {
                switch Int.random(in: 0..<6, using: &random) {
                case 0:
                    let bit = Bool.random(using: &random)
                    writer.writeBit(bit)
                    reference.writeBit(bit)
                case 1:
                    let byte = UInt8.random(in: 0...255, using: &random)
                    writer.writeByte(byte)
                    reference.writeByte(byte)
                default:
                    let count = [1, 2, 5, 7, 8, 9, 14, 16, 17, 20, 24, 63, 64].randomElement(using: &random) ?? 8
                    let value = UInt64.random(in: 0...UInt64.max, using: &random)
                    // High bits beyond `count` are ignored, as Go's shift drops them (negative deltas have them).
                    writer.writeBits(value, count)
                    reference.writeBits(value, count)
                }
                #expect(writer.bytes == reference.bytes)
            }
            #expect(writer.usedBytes == (reference.free == 8 ? Array(reference.bytes.dropLast()) : reference.bytes))
        }
    }
}
