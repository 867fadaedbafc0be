import SibylWire

/// libFuzzer entry: a remote-read request body as a server receives it, with a 1 MiB decompressed limit.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? RemoteReadRequest(decoding: Array(UnsafeBufferPointer(start: data, count: size)), limit: 1 << 20)
    return 0
}
