import SibylWire

/// libFuzzer entry: one XOR2 chunk, decoded whole and clipped to a range; the decoder checks the header's count
/// (at most 65,535) against the length before allocating.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let chunk = UnsafeRawBufferPointer(start: data, count: size)
    _ = try? XOR2ChunkDecoder.decode(Array(chunk))
    var clipped: [Sample] = []
    var starts: [Int64] = []
    try? XOR2ChunkDecoder.decode(chunk, clippingTo: 0...1_000_000, into: &clipped, startTimestamps: &starts)
    return 0
}
