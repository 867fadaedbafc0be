import Foundation

/// Doubles as a compact BLOB: each one's IEEE 754 bit pattern, little-endian, 8 bytes a value, so that every bit
/// (a NaN's payload, −0.0) comes back.
enum LittleEndianDoubles {
    /// The bytes of `values`.
    static func data(_ values: [Double]) -> Data {
        var data = Data(capacity: values.count * 8)
        for value in values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    /// The doubles of `data`; `nil` when its length is not a multiple of 8.
    static func values(_ data: Data) -> [Double]? {
        guard data.count % 8 == 0 else { return nil }
        let bytes = [UInt8](data)
        return stride(from: 0, to: bytes.count, by: 8).map { offset in
            var bits: UInt64 = 0
            for index in 0..<8 { bits |= UInt64(bytes[offset + index]) << (8 * index) }
            return Double(bitPattern: bits)
        }
    }
}
