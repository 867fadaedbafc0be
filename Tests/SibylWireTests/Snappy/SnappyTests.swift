import SibylTestSupport
import SibylWire
import Testing

struct SnappyTests {
    @Test("compress then decompress restores the bytes", arguments: [0, 1, 59, 60, 61, 255, 256, 65536, 70000])
    func roundTrip(length: Int) throws {
        var random = SeededRandom(seed: UInt64(length))
        let input = (0..<length).map { _ in UInt8.random(in: 0...3, using: &random) }
        #expect(try Snappy.decompress(Snappy.compress(input)) == input)
    }

    @Test("the captured response declares 11,951 bytes and decompresses to them")
    func capturedResponse() throws {
        let body = try RemoteReadFixtures.bytes("samples_response.snappy")
        #expect(Array(body.prefix(4)) == [0xaf, 0x5d, 0xf0, 0x58])
        #expect(try Snappy.uncompressedLength(of: body) == 11951)
        #expect(try Snappy.decompress(body).count == 11951)
    }

    @Test("a declared length over the limit is refused before allocating")
    func limit() {
        // Preamble 0xffffffff0f = 4 GiB, then nothing.
        do {
            _ = try Snappy.decompress([0xff, 0xff, 0xff, 0xff, 0x0f], limit: 1 << 20)
            Issue.record("expected too_large")
        } catch {
            #expect(error.shortDescription == "too_large")
        }
    }

    @Test("plain text (an error body) is not snappy")
    func plainText() {
        #expect(throws: WireError.self) { try Snappy.decompress(Array("exceeded sample limit (100)".utf8)) }
    }

    @Test("the empty block is the single byte 00")
    func empty() throws {
        #expect(try Snappy.decompress([0]) == [])
        #expect(Snappy.compress([]) == [0])
    }

    @Test("100,000 mutated blocks decompress or throw, never crash")
    func mutationLoop() throws {
        let seed = try RemoteReadFixtures.bytes("samples_response.snappy")
        var random = SeededRandom(seed: 0x5eed_0050)
        var rejected = 0
        for _ in 0..<100_000 {
            do {
                _ = try Snappy.decompress(random.mutate(seed), limit: 1 << 16)
            } catch {
                rejected += 1
            }
        }
        #expect(rejected > 50_000)
    }
}
