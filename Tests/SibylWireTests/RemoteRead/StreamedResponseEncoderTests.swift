import SibylTestSupport
import SibylWire
import Testing

struct StreamedResponseEncoderTests {
    @Test("reproduces Prometheus' multi-frame response for many_chunks byte for byte")
    func matchesPrometheus() throws {
        let body = [UInt8](try Fixtures.data("remote-read/synthetic/multiframe_response.bin"))
        let samples = (0..<1000).map { Sample(timestamp: 1_700_003_500_000 + Int64($0) * 1000, value: Double($0)) }
        let series = TimeSeries(
            labels: [Label("__name__", "many_chunks"), Label("job", "synthetic")], samples: samples)
        let encoded = StreamedResponseEncoder.encode(
            [series], queryIndex: 0, samplesPerChunk: 121, maxBytesInFrame: 300)
        let prefix = Array(body.prefix(encoded.count))
        let firstDifference = zip(prefix, encoded).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(
            prefix == encoded,
            "first difference at byte \(firstDifference.map(String.init) ?? "end") of \(encoded.count)")
    }

    @Test("encoded series decode back unchanged, whatever the frame budget", arguments: [64, 300, 1_048_576])
    func roundTrip(budget: Int) throws {
        var random = SeededRandom(seed: UInt64(budget))
        let series = (0..<20).map { index in
            TimeSeries(
                labels: [Label("__name__", "m"), Label("i", "\(index)")],
                samples: (0..<Int.random(in: 1...700, using: &random)).map {
                    Sample(timestamp: Int64($0) * 5000, value: Double.random(in: -1...1, using: &random))
                })
        }
        let query = RemoteReadQuery(start: .min, end: .max, matchers: [])
        let body = StreamedResponseEncoder.encode(series, queryIndex: 0, maxBytesInFrame: budget)
        let decoded = try RemoteReadFixtures.decodeStreamed(body, queries: [query])
        #expect(decoded == [series])
    }
}
