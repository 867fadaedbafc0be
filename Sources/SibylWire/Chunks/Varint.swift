/// Unsigned LEB128 varints and Go's zigzag signed varints, as Prometheus writes them.
enum Varint {
    /// Appends `value` as an unsigned LEB128 varint (1–10 bytes).
    static func appendUnsigned(_ value: UInt64, to output: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            output.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        output.append(UInt8(value))
    }

    /// The zigzag mapping of Go's `binary.PutVarint`: `(x << 1) ^ (x >> 63)`.
    static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    /// The inverse of ``zigzag(_:)``.
    static func unzigzag(_ value: UInt64) -> Int64 {
        Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    }

    /// Reads an unsigned varint at `offset` in `bytes`, advancing `offset`.
    /// - Returns: the value, or `nil` when the input ends first or the varint is longer than 10 bytes.
    static func readUnsigned(_ bytes: UnsafeRawBufferPointer, offset: inout Int) -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var index = offset
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if shift == 63 && byte > 1 { return nil }  // overflows 64 bits
            result |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 {
                offset = index
                return result
            }
            shift += 7
            if shift > 63 { return nil }
        }
        return nil
    }
}
