/// Walks the fields of one protobuf message on the wire without decoding their values: each step yields the
/// field number and, for length-delimited fields, the payload's bytes.
struct ProtobufFieldReader {
    /// One field: its number and, when its wire type is length-delimited, its payload.
    struct Field {
        var number: UInt64
        var payload: ArraySlice<UInt8>?
    }

    private var bytes: ArraySlice<UInt8>

    /// Reads the fields of `bytes`.
    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }

    /// The next field; `nil` at the end, `.some(nil)` when the bytes are malformed (then it stays there).
    mutating func next() -> Field?? {
        guard !bytes.isEmpty else { return nil }
        guard let key = readVarint() else { return .some(nil) }
        let number = key >> 3
        switch key & 7 {
        case 0:
            guard readVarint() != nil else { return .some(nil) }
            return Field(number: number, payload: nil)
        case 1:
            guard skip(8) else { return .some(nil) }
            return Field(number: number, payload: nil)
        case 2:
            guard let length = readVarint(), length <= UInt64(bytes.count) else { return .some(nil) }
            let start = bytes.startIndex
            let payload = bytes[start..<(start + Int(length))]
            bytes = bytes[(start + Int(length))...]
            return Field(number: number, payload: payload)
        case 5:
            guard skip(4) else { return .some(nil) }
            return Field(number: number, payload: nil)
        default:
            return .some(nil)
        }
    }

    /// Reads a base-128 varint of at most 10 bytes.
    private mutating func readVarint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while let byte = bytes.first, shift < 70 {
            bytes = bytes.dropFirst()
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }

    /// Skips `count` bytes, or fails when fewer remain.
    private mutating func skip(_ count: Int) -> Bool {
        guard bytes.count >= count else {
            bytes = bytes[bytes.endIndex...]
            return false
        }
        bytes = bytes.dropFirst(count)
        return true
    }
}
