import SibylWire

/// libFuzzer entry: the first byte picks one of the four histogram encodings (its value modulo 4: HISTOGRAM,
/// FLOAT_HISTOGRAM, HISTOGRAM_ST, FLOAT_HISTOGRAM_ST), the rest is the chunk, decoded whole and clipped.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let encodings: [ChunkEncoding] = [.histogram, .floatHistogram, .histogramST, .floatHistogramST]
    let encoding = encodings[Int(data[0] % 4)]
    let chunk = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    _ = try? HistogramChunkDecoder.decode(Array(chunk), encoding: encoding)
    var clipped: [HistogramSample] = []
    try? HistogramChunkDecoder.decode(chunk, encoding: encoding, clippingTo: 0...1_000_000, into: &clipped)
    return 0
}
