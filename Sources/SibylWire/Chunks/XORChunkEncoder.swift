/// Encodes samples into a Prometheus XOR chunk, bit-identical to Prometheus 2.42's appender.
///
/// Sample 0 is a zigzag varint timestamp and 64 raw value bits; sample 1 an unsigned varint
/// delta; later timestamps are delta-of-deltas in the buckets 0/14/17/20/64 bits; values are
/// XORed with the previous value, with the leading-zero count clamped to 31 (protocols.md §2.2).
public struct XORChunkEncoder: Sendable {
    /// The most samples one chunk can hold (the 16-bit count).
    public static let maxSamples = 65535

    private var writer = BitWriter(prefix: [0, 0])
    /// Samples appended so far.
    public private(set) var count = 0
    private var timestamp: Int64 = 0
    private var delta: UInt64 = 0
    private var valueBits: UInt64 = 0
    private var leading: UInt8 = 0xff
    private var trailing: UInt8 = 0

    /// Creates an empty chunk.
    public init() {}

    /// Encodes `samples` into one chunk.
    /// - Parameter samples: at most ``maxSamples`` samples.
    /// - Returns: the chunk bytes.
    /// - Throws: `WireError.tooLarge` when there are more than ``maxSamples`` samples.
    public static func encode(_ samples: [Sample]) throws(WireError) -> [UInt8] {
        var encoder = XORChunkEncoder()
        for sample in samples { try encoder.append(sample) }
        return encoder.bytes
    }

    /// The chunk bytes: the 2-byte big-endian count, then the bit stream.
    public var bytes: [UInt8] { writer.bytes }

    /// Bytes the encoder's storage has allocated (at least ``bytes``' count).
    public var byteCapacity: Int { writer.bytes.capacity }

    /// Appends one sample.
    /// - Parameter sample: the sample; timestamps need not increase (deltas wrap as in Go).
    /// - Throws: `WireError.tooLarge` when the chunk already holds ``maxSamples`` samples.
    public mutating func append(_ sample: Sample) throws(WireError) {
        guard count < Self.maxSamples else {
            throw .tooLarge("an XOR chunk holds at most \(Self.maxSamples) samples")
        }
        let bits = sample.value.bitPattern
        switch count {
        case 0:
            var varint: [UInt8] = []
            Varint.appendUnsigned(Varint.zigzag(sample.timestamp), to: &varint)
            for byte in varint { writer.writeBits(UInt64(byte), 8) }
            writer.writeBits(bits, 64)
        case 1:
            delta = UInt64(bitPattern: sample.timestamp &- timestamp)
            var varint: [UInt8] = []
            Varint.appendUnsigned(delta, to: &varint)
            for byte in varint { writer.writeBits(UInt64(byte), 8) }
            writeValue(bits)
        default:
            let newDelta = UInt64(bitPattern: sample.timestamp &- timestamp)
            let dod = Int64(bitPattern: newDelta &- delta)
            writeDeltaOfDelta(dod)
            delta = newDelta
            writeValue(bits)
        }
        timestamp = sample.timestamp
        valueBits = bits
        count += 1
        writer.setByte(0, UInt8(truncatingIfNeeded: count >> 8))
        writer.setByte(1, UInt8(truncatingIfNeeded: count))
    }

    private mutating func writeDeltaOfDelta(_ dod: Int64) {
        if dod == 0 {
            writer.writeBit(false)
        } else if Self.fits(dod, bits: 14) {
            writer.writeBits(0b10, 2)
            writer.writeBits(UInt64(bitPattern: dod), 14)
        } else if Self.fits(dod, bits: 17) {
            writer.writeBits(0b110, 3)
            writer.writeBits(UInt64(bitPattern: dod), 17)
        } else if Self.fits(dod, bits: 20) {
            writer.writeBits(0b1110, 4)
            writer.writeBits(UInt64(bitPattern: dod), 20)
        } else {
            writer.writeBits(0b1111, 4)
            writer.writeBits(UInt64(bitPattern: dod), 64)
        }
    }

    /// Go's `bitRange`: −(2^(n−1)−1) ≤ x ≤ 2^(n−1).
    private static func fits(_ value: Int64, bits: Int) -> Bool {
        let half = Int64(1) << (bits - 1)
        return -(half - 1) <= value && value <= half
    }

    private mutating func writeValue(_ bits: UInt64) {
        let xor = bits ^ valueBits
        guard xor != 0 else {
            writer.writeBit(false)
            return
        }
        writer.writeBit(true)
        var newLeading = UInt8(xor.leadingZeroBitCount)
        let newTrailing = UInt8(xor.trailingZeroBitCount)
        if newLeading >= 32 { newLeading = 31 }
        if leading != 0xff && newLeading >= leading && newTrailing >= trailing {
            writer.writeBit(false)
            writer.writeBits(xor &>> UInt64(trailing), 64 - Int(leading) - Int(trailing))
            return
        }
        leading = newLeading
        trailing = newTrailing
        writer.writeBit(true)
        writer.writeBits(UInt64(newLeading), 5)
        let significant = 64 - Int(newLeading) - Int(newTrailing)
        writer.writeBits(UInt64(significant & 63), 6)  // 64 is written as 0
        writer.writeBits(xor &>> UInt64(newTrailing), significant)
    }
}
