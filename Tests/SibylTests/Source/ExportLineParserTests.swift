import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

/// VictoriaMetrics export lines: the forms of values its versions write, and refusal of anything else.
struct ExportLineParserTests {
    static func parse(_ text: String) throws(WireError) -> ExportLineParser.Line {
        try ExportLineParser.parse(Array(text.utf8))
    }

    @Test("a 1.79 line: labels as sent, numbers and bare +Inf/-Inf, NaN as Prometheus' stale marker bit for bit")
    func victoriaMetrics179Line() throws {
        let line = try Self.parse(
            #"{"metric":{"__name__":"up","job":"node"},"values":[1.5,+Inf,-Inf,NaN,0,-2e-3],"#
                + #""timestamps":[1000,2000,3000,4000,5000,-6000]}"#)
        #expect(line.labels == [Label("__name__", "up"), Label("job", "node")])
        #expect(line.samples.map(\.timestamp) == [1000, 2000, 3000, 4000, 5000, -6000])
        let values = line.samples.map(\.value)
        #expect(values[0] == 1.5 && values[1] == .infinity && values[2] == -.infinity)
        #expect(values[3].bitPattern == Sample.staleNaNBits)
        #expect(values[4] == 0 && values[5] == -0.002)
    }

    @Test("later versions' quoted specials and null, escapes, space and unknown keys")
    func laterForms() throws {
        let line = try Self.parse(
            #" { "values" : [ "Infinity" , "-Infinity", null, "NaN" ], "extra": {"a":[1,{"b":null}]}, "#
                + #""timestamps":[1,2,3,4], "metric":{"a\"b":"x\\y\n\u00e9\ud83d\ude00/"} } "#)
        #expect(line.labels == [Label("a\"b", "x\\y\né😀/")])
        #expect(line.samples[0].value == .infinity && line.samples[1].value == -.infinity)
        #expect(line.samples[2].isStaleMarker && line.samples[3].isStaleMarker)
    }

    @Test(
        "malformed lines are refused with invalid_response",
        arguments: [
            "", "{", "[]", #"{"metric":{},"values":[1]}"#, #"{"metric":{},"values":[1],"timestamps":[1,2]}"#,
            #"{"metric":{"a":"1","a":"2"},"values":[],"timestamps":[]}"#,
            #"{"metric":{},"metric":{},"values":[],"timestamps":[]}"#,
            #"{"metric":{"a":1},"values":[],"timestamps":[]}"#, #"{"metric":{},"values":[0x10],"timestamps":[1]}"#,
            #"{"metric":{},"values":[nan],"timestamps":[1]}"#, #"{"metric":{},"values":[1],"timestamps":[1.5]}"#,
            #"{"metric":{},"values":[1],"timestamps":[99999999999999999999]}"#,
            #"{"metric":{"a":"\ud800"},"values":[],"timestamps":[]}"#,
            #"{"metric":{"a":"\q"},"values":[],"timestamps":[]}"#,
            #"{"metric":{},"values":[],"timestamps":[]} x"#, #"{"metric":{},"values":[1,],"timestamps":[1]}"#,
            "{\"metric\":{\"a\":\"\u{1}\"},\"values\":[],\"timestamps\":[]}",
            #"{"metric":{},"values":[],"timestamps":[],"x":"# + String(repeating: "[", count: 40) + "]",
        ])
    func refusesMalformed(_ text: String) {
        do {
            _ = try Self.parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.shortDescription == "invalid_response", "\(text): \(error)")
        }
    }

    @Test("invalid UTF-8 in a label is refused")
    func refusesInvalidUTF8() {
        let bytes = Array(#"{"metric":{"a":""#.utf8) + [0xC3, 0x28] + Array(#""},"values":[],"timestamps":[]}"#.utf8)
        #expect(throws: WireError.self) { _ = try ExportLineParser.parse(bytes) }
    }

    @Test("mutated lines never crash: each parses or is refused, and what parses has as many values as timestamps")
    func mutatedLines() {
        let valid = Array(
            (#"{"metric":{"__name__":"node_load1","instance":"a:9100","job":"node"},"values":[0.5,1,+Inf,-Inf,NaN],"#
                + #""timestamps":[1700000000000,1700000005000,1700000010000,1700000015000,1700000020000]}"#).utf8)
        var random = SeededRandom(seed: 19)
        var parsed = 0
        for _ in 0..<20_000 {
            let bytes = random.mutate(valid)
            if let line = try? ExportLineParser.parse(bytes) {
                parsed += 1
                #expect(line.samples.count <= bytes.count)
            }
        }
        #expect(parsed < 20_000)
    }
}
