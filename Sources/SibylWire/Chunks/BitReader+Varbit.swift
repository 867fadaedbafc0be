/// The variable-width integers of Prometheus' newer chunk encodings (`varbit_int`, `varbit_uint`, zigzag varints)
/// and the Gorilla value step they share with XOR.
extension BitReader {
    /// Value bits after a prefix of `n` one bits (`0`, `10`, … `11111111`), as `varbit.go` assigns them.
    private static let varbitWidths = [0, 3, 6, 9, 12, 18, 25, 56, 64]

    /// Reads the prefix of a varbit number: how many value bits follow.
    @inline(__always)
    private mutating func readVarbitWidth() -> Int {
        ensure(8)
        let prefix = peek(8)
        // Leading ones of the 8-bit prefix, at most 8.
        let ones = min(8, (~(prefix &<< 56)).leadingZeroBitCount)
        skip(ones == 8 ? 8 : ones &+ 1)
        return Self.varbitWidths[ones]
    }

    /// Reads a `varbit_int`: a prefix of up to 8 bits, then 0 to 64 two's-complement bits; a raw value above
    /// 2^(n−1) is negative.
    mutating func readVarbitInt() -> Int64 {
        let width = readVarbitWidth()
        guard width > 0 else { return 0 }
        let raw = readBits(width)
        if width < 64 && raw > (1 as UInt64) &<< UInt64(width &- 1) {
            return Int64(bitPattern: raw &- ((1 as UInt64) &<< UInt64(width)))
        }
        return Int64(bitPattern: raw)
    }

    /// Reads a `varbit_uint`: the same prefixes as ``readVarbitInt()``, unsigned value bits.
    mutating func readVarbitUint() -> UInt64 {
        let width = readVarbitWidth()
        return width > 0 ? readBits(width) : 0
    }

    /// Reads a Go `binary.PutVarint` (zigzag LEB128) fed through the bit stream; `nil` when longer than 10 bytes.
    mutating func readVarint() -> Int64? {
        readUvarint().map(Varint.unzigzag)
    }

    /// Reads one Gorilla-XOR value as Prometheus' `xorRead` does: `0` unchanged, `10` the window reused, `11` a new
    /// window (5 bits leading zeros, 6 bits significant bits, 64 written as 0).
    /// - Returns: `false` when the new window does not fit in 64 bits.
    @inline(__always)
    mutating func readXORValue(_ bits: inout UInt64, leading: inout Int, trailing: inout Int) -> Bool {
        guard readBit() else { return true }
        if readBit() {
            let newLeading = Int(truncatingIfNeeded: readBits(5))
            var significant = Int(truncatingIfNeeded: readBits(6))
            if significant == 0 { significant = 64 }
            guard newLeading &+ significant <= 64 else { return false }
            leading = newLeading
            trailing = 64 &- newLeading &- significant
        }
        bits ^= readBits(64 &- leading &- trailing) &<< UInt64(truncatingIfNeeded: trailing)
        return true
    }
}
