import SibylWire

/// libFuzzer entry: selector text (invalid UTF-8 repaired, as a `String` from the network would be). A selector that
/// parses must print as text that parses back to it (`SeriesSelector.description`'s promise), and must compile.
/// The parser refuses text over `SelectorParser.maximumInputLength`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let selector = try? SeriesSelector(parsing: text) else { return 0 }
    let reparsed = try? SeriesSelector(parsing: selector.description)
    precondition(reparsed == selector, "\(selector) does not parse back to itself")
    _ = selector.compiled().matches(["__name__": "up", "job": "node"])
    return 0
}
