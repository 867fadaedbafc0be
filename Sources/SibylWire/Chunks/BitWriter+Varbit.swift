/// The variable-width integers of Prometheus' newer chunk encodings, written as `varbit.go` writes them.
extension BitWriter {
    /// Writes a `varbit_int`: the first of the widths 0, 3, 6, 9, 12, 18, 25, 56, 64 whose range
    /// −(2^(n−1)−1) … 2^(n−1) holds `value`, after its prefix of ones.
    mutating func writeVarbitInt(_ value: Int64) {
        if value == 0 {
            writeBit(false)
            return
        }
        for (ones, width) in [3, 6, 9, 12, 18, 25, 56].enumerated() {
            let half = Int64(1) << (width - 1)
            if -(half - 1) <= value && value <= half {
                writeBits((1 << (ones + 2)) - 2, ones + 2)  // `ones + 1` one bits, then a zero
                writeBits(UInt64(bitPattern: value), width)
                return
            }
        }
        writeBits(0xff, 8)
        writeBits(UInt64(bitPattern: value), 64)
    }

    /// Writes Go's `binary.PutVarint` (zigzag LEB128), 8 bits per byte at the current bit offset.
    mutating func writeVarint(_ value: Int64) {
        writeUvarint(Varint.zigzag(value))
    }

    /// Writes an unsigned LEB128 varint, 8 bits per byte at the current bit offset.
    mutating func writeUvarint(_ value: UInt64) {
        var bytes: [UInt8] = []
        Varint.appendUnsigned(value, to: &bytes)
        for byte in bytes { writeBits(UInt64(byte), 8) }
    }
}
