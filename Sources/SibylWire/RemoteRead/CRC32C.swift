/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), as streamed remote read frames carry it.
///
/// Slicing-by-8 table implementation; `checksum("123456789".utf8) == 0xE3069283`.
public enum CRC32C {
    private static let tables: [[UInt32]] = {
        var tables = [[UInt32]](repeating: [UInt32](repeating: 0, count: 256), count: 8)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            tables[0][byte] = crc
        }
        for byte in 0..<256 {
            for slice in 1..<8 {
                let previous = tables[slice - 1][byte]
                tables[slice][byte] = (previous >> 8) ^ tables[0][Int(previous & 0xff)]
            }
        }
        return tables
    }()

    /// The CRC-32C of `bytes`.
    /// - Parameter bytes: the message.
    /// - Returns: the checksum.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        if let fast = bytes.withContiguousStorageIfAvailable({ checksum(UnsafeRawBufferPointer($0)) }) {
            return fast
        }
        return checksum(Array(bytes))
    }

    /// The CRC-32C of the bytes in `buffer`.
    /// - Parameter buffer: the message.
    /// - Returns: the checksum.
    public static func checksum(_ buffer: UnsafeRawBufferPointer) -> UInt32 {
        tables.withUnsafeBufferPointer { tables in
            let t0 = tables[0]
            let t1 = tables[1]
            let t2 = tables[2]
            let t3 = tables[3]
            let t4 = tables[4]
            let t5 = tables[5]
            let t6 = tables[6]
            let t7 = tables[7]
            var crc: UInt32 = 0xFFFF_FFFF
            var index = 0
            let count = buffer.count
            while index + 8 <= count {
                let word = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let low = UInt32(truncatingIfNeeded: word) ^ crc
                let high = UInt32(truncatingIfNeeded: word >> 32)
                crc =
                    t7[Int(low & 0xff)] ^ t6[Int((low >> 8) & 0xff)]
                    ^ t5[Int((low >> 16) & 0xff)] ^ t4[Int(low >> 24)]
                    ^ t3[Int(high & 0xff)] ^ t2[Int((high >> 8) & 0xff)]
                    ^ t1[Int((high >> 16) & 0xff)] ^ t0[Int(high >> 24)]
                index += 8
            }
            while index < count {
                crc = (crc >> 8) ^ t0[Int((crc ^ UInt32(buffer[index])) & 0xff)]
                index += 1
            }
            return crc ^ 0xFFFF_FFFF
        }
    }
}
