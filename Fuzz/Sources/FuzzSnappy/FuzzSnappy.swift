import SibylWire

/// libFuzzer entry: one snappy block, decompressed with a 1 MiB limit so a block declaring more is refused unread.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? Snappy.decompress(Array(UnsafeBufferPointer(start: data, count: size)), limit: 1 << 20)
    return 0
}
