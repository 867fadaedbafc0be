/// Walks the fields of one protobuf message on the wire without decoding their values: each step yields the
/// field number and, for length-delimited fields, the payload's byte range.
struct ProtobufFieldReader {
    /// One field: its number and, when its wire type is length-delimited, its payload's range; for a varint or a
    /// fixed-size field, its value (a `double` as its bit pattern).
    struct Field {
        var number: UInt64
        var payload: Range<Int>?
        var value: UInt64 = 0
    }

    /// The bytes up to the message's end (offsets are those of the whole buffer).
    private let bytes: UnsafeRawBufferPointer
    private var offset: Int

    /// Reads the fields of the message at `range` of `bytes`.
    init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>) {
        self.bytes = UnsafeRawBufferPointer(rebasing: bytes[..<range.upperBound])
        offset = range.lowerBound
    }

    /// The next field; `nil` at the end, `.some(nil)` when the bytes are malformed.
    mutating func next() -> Field?? {
        guard offset < bytes.count else { return nil }
        guard let key = Varint.readUnsigned(bytes, offset: &offset) else { return .some(nil) }
        let number = key >> 3
        let size: Int
        switch key & 7 {
        case 0:
            guard let value = Varint.readUnsigned(bytes, offset: &offset) else { return .some(nil) }
            return Field(number: number, payload: nil, value: value)
        case 1: size = 8
        case 2:
            guard let length = Varint.readUnsigned(bytes, offset: &offset), length <= UInt64(bytes.count - offset)
            else { return .some(nil) }
            let payload = offset..<(offset + Int(length))
            offset = payload.upperBound
            return Field(number: number, payload: payload)
        case 5: size = 4
        default: return .some(nil)
        }
        guard bytes.count - offset >= size else { return .some(nil) }
        var value: UInt64 = 0
        for index in (offset..<(offset + size)).reversed() { value = value << 8 | UInt64(bytes[index]) }
        offset += size
        return Field(number: number, payload: nil, value: value)
    }
}
