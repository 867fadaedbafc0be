import Foundation

/// The MD5 message digest (RFC 1321), for Prometheus' `hashmod` shard assignment only: never for security.
package enum MD5 {
    /// The 16-byte digest of `message`.
    /// - Parameter message: the bytes to hash.
    /// - Returns: the digest, in RFC 1321's byte order.
    package static func digest(_ message: some Collection<UInt8>) -> [UInt8] {
        var state: (UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476)
        var padded = Array(message)
        let bitLength = UInt64(truncatingIfNeeded: padded.count) &* 8
        padded.append(0x80)
        while padded.count % 64 != 56 { padded.append(0) }
        for shift in stride(from: 0, to: 64, by: 8) { padded.append(UInt8(truncatingIfNeeded: bitLength >> shift)) }
        var words = [UInt32](repeating: 0, count: 16)
        for blockStart in stride(from: 0, to: padded.count, by: 64) {
            for index in 0..<16 {
                let offset = blockStart + index * 4
                words[index] =
                    UInt32(padded[offset]) | UInt32(padded[offset + 1]) << 8 | UInt32(padded[offset + 2]) << 16
                    | UInt32(padded[offset + 3]) << 24
            }
            compress(&state, words)
        }
        var digest: [UInt8] = []
        digest.reserveCapacity(16)
        for word in [state.0, state.1, state.2, state.3] {
            for shift in stride(from: 0, to: 32, by: 8) { digest.append(UInt8(truncatingIfNeeded: word >> shift)) }
        }
        return digest
    }

    /// The per-step left rotations, four per round.
    private static let rotations: [UInt32] = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]

    /// The 64 additive constants, the integer part of 2^32 · |sin(i + 1)|.
    private static let constants: [UInt32] = (0..<64).map { index in
        UInt32(truncatingIfNeeded: Int64((abs(sin(Double(index + 1))) * 4_294_967_296).rounded(.down)))
    }

    /// Folds one 64-byte block, as 16 little-endian words, into the state.
    private static func compress(_ state: inout (UInt32, UInt32, UInt32, UInt32), _ words: [UInt32]) {
        var (a, b, c, d) = state
        for step in 0..<64 {
            let mixed: UInt32
            let wordIndex: Int
            switch step / 16 {
            case 0:
                mixed = (b & c) | (~b & d)
                wordIndex = step
            case 1:
                mixed = (d & b) | (~d & c)
                wordIndex = (5 * step + 1) % 16
            case 2:
                mixed = b ^ c ^ d
                wordIndex = (3 * step + 5) % 16
            default:
                mixed = c ^ (b | ~d)
                wordIndex = (7 * step) % 16
            }
            let rotation = rotations[(step / 16) * 4 + step % 4]
            let sum = a &+ mixed &+ constants[step] &+ words[wordIndex]
            (a, d, c) = (d, c, b)
            b = b &+ (sum << rotation | sum >> (32 - rotation))
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d)
    }
}
