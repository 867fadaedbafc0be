import Sibyl

/// libFuzzer entry: configuration text, as `sibyl check-config` reads it (invalid UTF-8 repaired; the loader reads
/// at most `SibylConfiguration.maximumFileSize` bytes from a file, libFuzzer's `-max_len` bounds it here).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? SibylConfiguration(yaml: text, file: "fuzz.yml")
    return 0
}
