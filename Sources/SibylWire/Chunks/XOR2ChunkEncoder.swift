/// Encodes samples into a Prometheus 3 XOR2 chunk, bit-identical to a fresh Prometheus 3.14 appender
/// (`tsdb/chunkenc/xor2.go`; the layout is described in Tests/Fixtures/prometheus-chunks/README.md §7).
public struct XOR2ChunkEncoder: Sendable {
    /// The most samples one chunk can hold (the 16-bit count).
    public static let maxSamples = 65535
    /// From this sample on, every sample carries start-timestamp data even when none changed (`maxFirstSTChangeOn`).
    static let forcedStartTimestampIndex = 127

    private var writer = BitWriter(prefix: [0, 0, 0])
    /// Samples appended so far.
    public private(set) var count = 0
    private var timestamp: Int64 = 0
    private var delta: UInt64 = 0
    /// The last non-stale value's bits.
    private var baseline: UInt64 = 0
    private var leading: UInt8 = 0xff
    private var trailing: UInt8 = 0
    private var startTimestamp: Int64 = 0
    private var startDifference: Int64 = 0
    private var firstStartChangeOn = 0

    /// Creates an empty chunk.
    public init() {}

    /// Encodes `samples` (without start timestamps) into one chunk.
    /// - Throws: `WireError.tooLarge` when there are more than ``maxSamples`` samples.
    public static func encode(_ samples: [Sample]) throws(WireError) -> [UInt8] {
        var encoder = XOR2ChunkEncoder()
        for sample in samples { try encoder.append(sample) }
        return encoder.bytes
    }

    /// The chunk bytes: the 2-byte big-endian count, the start-timestamp byte, then the bit stream.
    public var bytes: [UInt8] { writer.usedBytes }

    /// Appends one sample.
    /// - Parameters:
    ///   - sample: the sample.
    ///   - startTimestamp: when its counter started, in milliseconds; 0 when unknown.
    /// - Throws: `WireError.tooLarge` when the chunk already holds ``maxSamples`` samples.
    public mutating func append(_ sample: Sample, startTimestamp start: Int64 = 0) throws(WireError) {
        guard count < Self.maxSamples else {
            throw .tooLarge("an XOR2 chunk holds at most \(Self.maxSamples) samples")
        }
        let bits = sample.value.bitPattern
        let stale = bits == Sample.staleNaNBits
        switch count {
        case 0:
            writer.writeVarint(sample.timestamp)
            writer.writeBits(bits, 64)
            if start != 0 {
                writer.writeVarint(sample.timestamp &- start)
                writer.setByte(2, 0x80)
            }
        case 1:
            delta = UInt64(bitPattern: sample.timestamp &- timestamp)
            writer.writeUvarint(delta)
            writeValue(bits)
            if start != startTimestamp {
                startDifference = timestamp &- start
                firstStartChangeOn = 1
                writer.setByte(2, writer.bytes[2] | 1)
                writer.writeVarbitInt(startDifference)
            }
        default:
            let newDelta = UInt64(bitPattern: sample.timestamp &- timestamp)
            let dod = Int64(bitPattern: newDelta &- delta)
            delta = newDelta
            if dod == 0 {
                if bits == baseline {
                    writer.writeBit(false)
                } else if stale {
                    writer.writeBits(0b11111, 5)
                } else {
                    writer.writeBits(0b10, 2)
                    writeChangedValue(bits)
                }
            } else {
                if -4096 <= dod && dod <= 4095 {
                    writer.writeBits(0b110, 3)
                    writer.writeBits(UInt64(bitPattern: dod), 13)
                } else if -524_288 <= dod && dod <= 524_287 {
                    writer.writeBits(0b1110, 4)
                    writer.writeBits(UInt64(bitPattern: dod), 20)
                } else {
                    writer.writeBits(0b11110, 5)
                    writer.writeBits(UInt64(bitPattern: dod), 64)
                }
                writeValue(bits)
            }
            writeStartTimestamp(start)
        }
        if !stale { baseline = bits }
        timestamp = sample.timestamp
        startTimestamp = start
        count += 1
        writer.setByte(0, UInt8(truncatingIfNeeded: count >> 8))
        writer.setByte(1, UInt8(truncatingIfNeeded: count))
    }

    /// The start-timestamp data of sample 2 and on, after its value.
    private mutating func writeStartTimestamp(_ start: Int64) {
        let difference = timestamp &- start
        if firstStartChangeOn == 0 {
            guard start != startTimestamp || count == Self.forcedStartTimestampIndex else { return }
            firstStartChangeOn = count
            writer.setByte(2, writer.bytes[2] | UInt8(count))
            writer.writeVarbitInt(difference)
        } else {
            writer.writeVarbitInt(difference &- startDifference)
        }
        startDifference = difference
    }

    /// `<varbit_xor2>`: `0` unchanged, `10` the window reused, `110` a new window, `111` a stale marker.
    private mutating func writeValue(_ bits: UInt64) {
        if bits == Sample.staleNaNBits {
            writer.writeBits(0b111, 3)
        } else if bits == baseline {
            writer.writeBit(false)
        } else if let window = reusableWindow(bits ^ baseline) {
            writer.writeBits(0b10, 2)
            writer.writeBits(window.bits, window.count)
        } else {
            writer.writeBits(0b110, 3)
            writeNewWindow(bits ^ baseline)
        }
    }

    /// `<varbit_xor2_nn>`: `0` the window reused, `1` a new window.
    private mutating func writeChangedValue(_ bits: UInt64) {
        if let window = reusableWindow(bits ^ baseline) {
            writer.writeBit(false)
            writer.writeBits(window.bits, window.count)
        } else {
            writer.writeBit(true)
            writeNewWindow(bits ^ baseline)
        }
    }

    /// The bits of `xor` in the current window, when there is one and it covers `xor`.
    private func reusableWindow(_ xor: UInt64) -> (bits: UInt64, count: Int)? {
        let newLeading = UInt8(min(xor.leadingZeroBitCount, 31))
        let newTrailing = UInt8(xor.trailingZeroBitCount)
        guard leading != 0xff && newLeading >= leading && newTrailing >= trailing else { return nil }
        return (xor &>> UInt64(trailing), 64 - Int(leading) - Int(trailing))
    }

    private mutating func writeNewWindow(_ xor: UInt64) {
        leading = UInt8(min(xor.leadingZeroBitCount, 31))
        trailing = UInt8(xor.trailingZeroBitCount)
        let significant = 64 - Int(leading) - Int(trailing)
        writer.writeBits(UInt64(leading), 5)
        writer.writeBits(UInt64(significant & 63), 6)  // 64 is written as 0
        writer.writeBits(xor &>> UInt64(trailing), significant)
    }
}
