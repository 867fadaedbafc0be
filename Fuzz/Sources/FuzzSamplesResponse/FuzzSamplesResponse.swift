import SibylWire

/// libFuzzer entry: a SAMPLES response body for one query, with a 1 MiB decompressed limit and 10,000 series.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? SamplesResponseDecoder.decode(body, queryCount: 1, limit: 1 << 20, seriesLimit: 10_000)
    return 0
}
