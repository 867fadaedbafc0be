/// Reads an MSB-first bit stream, as Prometheus' `bstreamReader` does, without trapping on short input.
///
/// Bits past the end of the bytes read as zeros and set ``overran``, so a decoder can check
/// once per value instead of on every bit. The buffer holds the unread bits left-aligned.
struct BitReader {
    private let bytes: UnsafeRawBufferPointer
    /// Bits of the stream moved into `buffer` so far (may exceed the real length: zero padding).
    private var loadedBits: Int
    private var buffer: UInt64
    private var available: Int
    private let totalBits: Int

    /// Starts reading at byte `offset` of `bytes`.
    init(_ bytes: UnsafeRawBufferPointer, offset: Int) {
        self.bytes = bytes
        self.loadedBits = offset * 8
        self.buffer = 0
        self.available = 0
        self.totalBits = bytes.count * 8
    }

    /// Bits consumed from the start of `bytes`.
    var position: Int { loadedBits - available }

    /// Whether more bits were read than the input holds.
    var overran: Bool { position > totalBits }

    /// Moves as many bits as fit into the buffer.
    @inline(__always)
    private mutating func refill() {
        let byteIndex = loadedBits >> 3
        if byteIndex + 8 <= bytes.count {
            let word = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: byteIndex, as: UInt64.self))
            let skip = loadedBits & 7
            let aligned = word &<< UInt64(skip)
            let fresh = 64 - skip
            let room = 64 - available
            let taken = min(fresh, room)
            buffer |= available == 0 ? aligned : aligned &>> UInt64(available)
            // Keep only `available + taken` bits; anything beyond them is reloaded later.
            let kept = available + taken
            if kept < 64 { buffer &= ~(UInt64.max &>> UInt64(kept)) }
            available = kept
            loadedBits &+= taken
        } else {
            refillSlowly()
        }
    }

    /// Byte-at-a-time refill near the end of the input; past the end it supplies zeros.
    private mutating func refillSlowly() {
        while available <= 56 {
            let byteIndex = loadedBits >> 3
            let skip = loadedBits & 7
            let byte: UInt64 = byteIndex < bytes.count ? UInt64(bytes[byteIndex]) : 0
            let bits = (byte &<< UInt64(skip)) & 0xff  // the unread bits of this byte, MSB-aligned in 8
            let count = 8 - skip
            buffer |= (bits &<< 56) &>> UInt64(available)
            available += count
            loadedBits += count
        }
    }

    /// Makes sure at least `count` (≤ 57) bits are buffered, refilling when needed.
    @inline(__always)
    mutating func ensure(_ count: Int) {
        if available < count { refill() }
    }

    /// The next `count` (1…8) bits without consuming them; call ``ensure(_:)`` first.
    @inline(__always)
    func peek(_ count: Int) -> UInt64 {
        buffer &>> UInt64(64 &- count)
    }

    /// Consumes `count` (1…8) bits that ``peek(_:)`` returned.
    @inline(__always)
    mutating func skip(_ count: Int) {
        buffer &<<= UInt64(count)
        available &-= count
    }

    /// Reads one bit.
    @inline(__always)
    mutating func readBit() -> Bool {
        if available == 0 { refill() }
        let bit = buffer &>> 63
        buffer &<<= 1
        available &-= 1
        return bit != 0
    }

    /// Reads `count` bits (1…64) as an unsigned integer, most significant first.
    @inline(__always)
    mutating func readBits(_ count: Int) -> UInt64 {
        if count > available { refill() }
        if count <= available {
            let value = buffer &>> UInt64(64 - count)
            buffer = count == 64 ? 0 : buffer &<< UInt64(count)
            available &-= count
            return value
        }
        // Only when count > 57: take what is buffered, then the rest.
        let high = available
        let highBits = high == 0 ? 0 : buffer &>> UInt64(64 - high)
        buffer = 0
        available = 0
        refill()
        let low = count - high
        let lowBits = buffer &>> UInt64(64 - low)
        buffer = low == 64 ? 0 : buffer &<< UInt64(low)
        available -= low
        return (highBits &<< UInt64(low)) | lowBits
    }

    /// Reads an unsigned LEB128 varint fed through the bit stream 8 bits at a time (at most 10 bytes).
    mutating func readUvarint() -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        for index in 0..<10 {
            let byte = readBits(8)
            if index == 9 && byte > 1 { return nil }
            result |= (byte & 0x7f) &<< shift
            if byte < 0x80 { return result }
            shift += 7
        }
        return nil
    }
}
