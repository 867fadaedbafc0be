import SibylTestSupport
import SibylWire
import Testing

/// The SAMPLES answer written series by series is, byte for byte, the message SwiftProtobuf writes.
struct SamplesResponseWriterTests {
    static func series(_ random: inout SeededRandom, _ index: Int) -> TimeSeries {
        let special: [Double] = [0, -0.0, .nan, Sample.staleNaN, .infinity, -.infinity, .leastNonzeroMagnitude]
        let labels = [
            Label("__name__", "m\(index)"), Label("empty", ""), Label("", "x"), Label("job", "j\(index % 3)"),
        ].filter { _ in Bool.random(using: &random) || index % 2 == 0 }
        let samples = (0..<Int.random(in: 0...300, using: &random)).map { step in
            Sample(
                timestamp: step == 0 ? 0 : Int64(step) * 5000 - 1_000_000,
                value: step % 7 == 0 ? special[step / 7 % special.count] : Double.random(in: -1e6...1e6, using: &random)
            )
        }
        return TimeSeries(labels: labels, samples: samples)
    }

    @Test("equals SamplesResponseDecoder.encode on random answers with empty queries, -0, NaN and zero times")
    func equalsSwiftProtobuf() throws {
        var random = SeededRandom(seed: 0x5a3e_9001)
        for round in 0..<20 {
            let results = (0..<Int.random(in: 0...4, using: &random)).map { query in
                (0..<(query == 1 ? 0 : Int.random(in: 0...6, using: &random))).map { Self.series(&random, $0 + round) }
            }
            var writer = SamplesResponseWriter()
            for query in results {
                for series in query { writer.appendSeries(series) }
                writer.finishQuery()
            }
            let written = writer.encoded()
            #expect(written == SamplesResponseDecoder.encode(results), "round \(round)")
            let decoded = try SamplesResponseDecoder.decode(written, queryCount: results.count)
            #expect(decoded.map(\.count) == results.map(\.count))
        }
    }

    @Test("the size before compression grows with what is written")
    func byteCount() {
        var writer = SamplesResponseWriter()
        #expect(writer.byteCount == 0)
        writer.appendSeries(TimeSeries(labels: [Label("__name__", "up")], samples: [Sample(timestamp: 1, value: 1)]))
        let one = writer.byteCount
        #expect(one > 0)
        writer.finishQuery()
        #expect(writer.byteCount > one)
    }
}
