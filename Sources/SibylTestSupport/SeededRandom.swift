/// A deterministic random generator (SplitMix64), so fuzz and round-trip tests repeat exactly.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A copy of `input` with random damage: truncation, flipped bits, inserted, deleted or overwritten bytes.
    /// - Parameter input: the valid input.
    /// - Returns: the mutated bytes.
    public mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        let edits = Int.random(in: 1...4, using: &self)
        for _ in 0..<edits {
            switch Int.random(in: 0..<6, using: &self) {
            case 0 where !bytes.isEmpty:
                bytes.removeSubrange(Int.random(in: 0..<bytes.count, using: &self)...)
            case 1 where !bytes.isEmpty:
                let index = Int.random(in: 0..<bytes.count, using: &self)
                bytes[index] ^= 1 << UInt8.random(in: 0..<8, using: &self)
            case 2:
                bytes.insert(UInt8.random(in: 0...255, using: &self), at: Int.random(in: 0...bytes.count, using: &self))
            case 3 where !bytes.isEmpty:
                bytes.remove(at: Int.random(in: 0..<bytes.count, using: &self))
            case 4 where !bytes.isEmpty:
                bytes[Int.random(in: 0..<bytes.count, using: &self)] = UInt8.random(in: 0...255, using: &self)
            default:
                let count = Int.random(in: 0...64, using: &self)
                bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
            }
        }
        return bytes
    }
}
