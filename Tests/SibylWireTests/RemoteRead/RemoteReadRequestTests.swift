import Foundation
import SibylTestSupport
import SibylWire
import Testing

struct RemoteReadRequestTests {
    static func uncompressedHex(_ sidecar: String) throws -> String {
        guard let root = try WireFixtureSeries.json("remote-read/\(sidecar)") as? [String: Any] else {
            throw FixtureError("bad \(sidecar)")
        }
        guard let hex = root["request_uncompressed_hex"] as? String else {
            throw FixtureError("no request_uncompressed_hex in \(sidecar)")
        }
        return hex
    }

    @Test("decodes the captured requests into their three queries")
    func capturedRequests() throws {
        let samples = try RemoteReadRequest(decoding: RemoteReadFixtures.bytes("samples_request.snappy"))
        #expect(samples.queries == RemoteReadFixtures.queries)
        #expect(samples.acceptedResponseTypes == [.samples])
        let streamed = try RemoteReadRequest(decoding: RemoteReadFixtures.bytes("streamed_request.snappy"))
        #expect(streamed.queries == RemoteReadFixtures.queries)
        #expect(streamed.acceptedResponseTypes == [.streamedXORChunks])
    }

    @Test(
        "serializes to the same bytes Python's protobuf sent",
        arguments: [
            ("samples_request.json", RemoteReadResponseType.samples),
            ("streamed_request.json", RemoteReadResponseType.streamedXORChunks),
        ])
    func byteExact(sidecar: String, type: RemoteReadResponseType) throws {
        let request = RemoteReadRequest(queries: RemoteReadFixtures.queries, acceptedResponseTypes: [type])
        let hex = request.serialized().map { String(format: "%02x", $0) }.joined()
        #expect(hex == (try Self.uncompressedHex(sidecar)))
    }

    @Test("encoded requests decode back to themselves, for every matcher kind")
    func roundTrip() throws {
        let request = RemoteReadRequest(
            queries: [
                RemoteReadQuery(
                    start: -5, end: Int64.max,
                    matchers: LabelMatcher.Kind.allCases.map { LabelMatcher("l\($0.symbol)", $0, "v\"\n\\é") }),
                RemoteReadQuery(start: 0, end: 0, matchers: []),
            ],
            acceptedResponseTypes: [.streamedXORChunks, .samples])
        #expect(try RemoteReadRequest(decoding: request.encoded()) == request)
    }

    @Test("response types a newer client lists are set aside, in order, and the known ones kept in theirs")
    func unknownResponseTypes() throws {
        // accepted_response_types (field 2, varints): 5, STREAMED_XOR_CHUNKS, 9, SAMPLES.
        let request = try RemoteReadRequest(
            decoding: Snappy.compress([0x10, 0x05, 0x10, 0x01, 0x10, 0x09, 0x10, 0x00]))
        #expect(request.acceptedResponseTypes == [.streamedXORChunks, .samples])
        #expect(request.unknownResponseTypes == [5, 9])
    }

    @Test("100,000 mutated request bodies decode or throw, never crash")
    func mutationLoop() throws {
        let seed = try RemoteReadFixtures.bytes("samples_request.snappy")
        var random = SeededRandom(seed: 0x5eed_0040)
        var rejected = 0
        for _ in 0..<100_000 {
            do {
                _ = try RemoteReadRequest(decoding: random.mutate(seed), limit: 1 << 20)
            } catch {
                rejected += 1
            }
        }
        #expect(rejected > 50_000)
    }
}
