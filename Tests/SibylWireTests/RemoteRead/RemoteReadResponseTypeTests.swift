import SibylWire
import Testing

struct RemoteReadResponseTypeTests {
    @Test(
        "recognises both content types, with parameters and in any case",
        arguments: [
            ("application/x-protobuf", RemoteReadResponseType?.some(.samples)),
            ("Application/X-Protobuf; charset=binary", .samples),
            ("application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse", .streamedXORChunks),
            ("text/plain; charset=utf-8", nil),
            ("", nil),
        ])
    func contentTypes(header: String, expected: RemoteReadResponseType?) {
        #expect(RemoteReadResponseType(contentType: header) == expected)
    }
}
