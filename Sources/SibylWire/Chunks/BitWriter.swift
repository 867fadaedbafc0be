/// Writes an MSB-first bit stream, as Prometheus' `bstream` does: the last byte is zero-padded.
struct BitWriter {
    /// The bytes written so far.
    private(set) var bytes: [UInt8]
    /// Unused bits in the last byte.
    private var free: Int = 0

    /// Starts with `prefix` (e.g. a chunk header) already in place.
    init(prefix: [UInt8] = []) {
        bytes = prefix
    }

    /// Bits written after the prefix... as a count of whole and partial bytes.
    var byteCount: Int { bytes.count }

    /// Writes one bit.
    mutating func writeBit(_ bit: Bool) {
        if free == 0 {
            bytes.append(0)
            free = 8
        }
        free -= 1
        if bit { bytes[bytes.count - 1] |= 1 << UInt8(free) }
    }

    /// Writes the low `count` bits (1…64) of `value`, most significant first.
    mutating func writeBits(_ value: UInt64, _ count: Int) {
        var remaining = count
        var bits = count == 64 ? value : value &<< UInt64(64 - count)
        while remaining > 0 {
            if free == 0 {
                bytes.append(0)
                free = 8
            }
            let take = min(free, remaining)
            let piece = UInt8(truncatingIfNeeded: bits &>> UInt64(64 - take))
            bytes[bytes.count - 1] |= piece &<< UInt8(free - take)
            free -= take
            remaining -= take
            bits = take == 64 ? 0 : bits &<< UInt64(take)
        }
    }

    /// Replaces byte `index` (used to rewrite a header in place).
    mutating func setByte(_ index: Int, _ value: UInt8) {
        bytes[index] = value
    }
}
