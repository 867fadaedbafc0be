/// Writes an MSB-first bit stream exactly as Prometheus' `bstream` does, byte for byte.
struct BitWriter {
    /// The bytes written so far.
    private(set) var bytes: [UInt8]
    /// Unused bits in the last byte.
    private var free: Int = 0

    /// Starts with `prefix` (e.g. a chunk header) already in place.
    init(prefix: [UInt8] = []) {
        bytes = prefix
    }

    /// Writes one bit (Go's `writeBit`).
    mutating func writeBit(_ bit: Bool) {
        if free == 0 {
            bytes.append(0)
            free = 8
        }
        if bit { bytes[bytes.count - 1] |= 1 &<< UInt8(free - 1) }
        free -= 1
    }

    /// Writes 8 bits (Go's `writeByte`): it always appends a byte, so a write ending on a byte
    /// boundary leaves an empty trailing byte, which Prometheus' chunks carry too.
    mutating func writeByte(_ byte: UInt8) {
        if free == 0 {
            bytes.append(0)
            free = 8
        }
        bytes[bytes.count - 1] |= byte &>> UInt8(8 - free)
        bytes.append(free == 8 ? 0 : byte &<< UInt8(free))
    }

    /// Writes the low `count` bits (1…64) of `value`, most significant first (Go's `writeBits`).
    ///
    /// Go writes the whole bytes with `writeByte` and the rest bit by bit; this fills each byte's free bits at once
    /// and ends in the same state: the same bytes, and the empty trailing byte `writeByte` leaves when a whole
    /// number of bytes ends on a byte boundary.
    mutating func writeBits(_ value: UInt64, _ count: Int) {
        var remaining = count
        while remaining > 0 {
            if free == 0 {
                bytes.append(0)
                free = 8
            }
            let taken = Swift.min(free, remaining)
            let part = UInt8(truncatingIfNeeded: (value &>> UInt64(remaining &- taken)) & ((1 &<< UInt64(taken)) &- 1))
            bytes[bytes.count &- 1] |= part &<< UInt8(free &- taken)
            free &-= taken
            remaining &-= taken
        }
        if count >= 8, count % 8 == 0, free == 0 {
            bytes.append(0)
            free = 8
        }
    }

    /// The bytes without a last byte none of whose bits were written: Go's `writeByte` leaves one behind, which
    /// Prometheus 3's XOR2 chunk bytes do not carry.
    var usedBytes: [UInt8] { free == 8 ? Array(bytes.dropLast()) : bytes }

    /// Replaces byte `index` (used to rewrite a header in place).
    mutating func setByte(_ index: Int, _ value: UInt8) {
        bytes[index] = value
    }
}
