import SibylWire

/// libFuzzer entry: a STREAMED_XOR_CHUNKS body for two queries, fed in two halves (so frames straddle appends),
/// then finished. Frames are capped at 1 MiB; the input's length bounds the chunks and so the samples.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = UnsafeBufferPointer(start: data, count: size)
    let queries = [
        RemoteReadQuery(start: .min, end: .max, matchers: []),
        RemoteReadQuery(start: 0, end: 1_000_000, matchers: []),
    ]
    var decoder = StreamedResponseDecoder(queries: queries, frameLimit: 1 << 20)
    do {
        _ = try decoder.append(body[..<(size / 2)])
        _ = try decoder.append(body[(size / 2)...])
        _ = try decoder.finish()
    } catch {}
    return 0
}
