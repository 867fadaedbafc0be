import SibylTestSupport
import SibylWire
import Testing

struct RemoteWriteRequestTests {
    static func expected(_ name: String) throws -> [TimeSeries] {
        guard let root = try WireFixtureSeries.json("remote-write/\(name)") as? [String: Any],
            let decoded = root["decoded"] as? [String: Any], let series = decoded["timeseries"] as? [Any]
        else { throw FixtureError("bad \(name)") }
        return try series.map { try WireFixtureSeries($0).timeSeries }
    }

    @Test(
        "decodes what Prometheus sent as a remote-write sender",
        arguments: [
            ("prometheus_sent_samples.snappy", "prometheus_sent_samples.json"),
            ("handmade_with_stale_marker.snappy", "handmade_with_stale_marker.json"),
        ])
    func captured(body: String, sidecar: String) throws {
        let request = try RemoteWriteRequest(
            decoding: [UInt8](try Fixtures.data("remote-write/\(body)")))
        #expect(request.series == (try Self.expected(sidecar)))
    }

    @Test("the stale marker survives bit for bit")
    func staleMarker() throws {
        let request = try RemoteWriteRequest(
            decoding: [UInt8](try Fixtures.data("remote-write/handmade_with_stale_marker.snappy")))
        #expect(request.series.first?.samples.last?.isStaleMarker == true)
    }

    @Test("decodes the metadata-only request")
    func metadata() throws {
        let request = try RemoteWriteRequest(
            decoding: [UInt8](try Fixtures.data("remote-write/prometheus_sent_metadata.snappy")))
        #expect(request.series.isEmpty)
        #expect(!request.metadata.isEmpty)
    }

    @Test("round trip of seeded random series and metadata")
    func roundTrip() throws {
        var random = SeededRandom(seed: 0x5eed_0060)
        for index in 0..<2000 {
            let series = (0..<Int.random(in: 0...4, using: &random)).map { number in
                TimeSeries(
                    labels: [Label("__name__", "sibyl_window_max"), Label("n", "\(number)"), Label("w", "é\"\\\n")],
                    samples: random.samples())
            }
            let metadata = [
                RemoteWriteRequest.Metadata(kind: .gauge, familyName: "f\(index)", help: "h", unit: "bytes")
            ]
            let request = RemoteWriteRequest(series: series, metadata: metadata)
            let decoded = try RemoteWriteRequest(decoding: request.encoded())
            #expect(decoded.series == series)
            #expect(decoded.metadata == metadata)
        }
    }

    @Test("100,000 mutated request bodies decode or throw, never crash")
    func mutationLoop() throws {
        let seed = [UInt8](try Fixtures.data("remote-write/prometheus_sent_samples.snappy"))
        var random = SeededRandom(seed: 0x5eed_0061)
        var rejected = 0
        for _ in 0..<100_000 {
            do {
                _ = try RemoteWriteRequest(decoding: random.mutate(seed), limit: 1 << 20)
            } catch {
                rejected += 1
            }
        }
        #expect(rejected > 50_000)
    }
}
