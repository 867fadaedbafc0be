import SibylTestSupport
import SibylWire
import Testing

struct ChunkedFrameReaderTests {
    @Test("writer output reads back frame by frame, whole or drip-fed")
    func roundTrip() throws {
        var random = SeededRandom(seed: 0x5eed_0030)
        let messages = (0..<50).map { _ in
            (0..<Int.random(in: 0...400, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        }
        var body: [UInt8] = []
        for message in messages { ChunkedFrameWriter.appendFrame(message, to: &body) }
        for pieceSize in [body.count, 1, 3, 100] {
            var reader = ChunkedFrameReader()
            var read: [[UInt8]] = []
            var start = 0
            while start < body.count {
                reader.append(body[start..<min(body.count, start + pieceSize)])
                start += pieceSize
                while let message = try reader.next() { read.append(message) }
            }
            try reader.finish()
            #expect(read == messages)
        }
    }

    @Test("a flipped message byte is a CRC mismatch naming the frame and offset")
    func checksum() throws {
        var body = ChunkedFrameWriter.frame([1, 2, 3]) + ChunkedFrameWriter.frame([4, 5, 6])
        body[body.count - 1] ^= 0x10
        var reader = ChunkedFrameReader()
        reader.append(body)
        #expect(try reader.next() == [1, 2, 3])
        do {
            _ = try reader.next()
            Issue.record("expected a checksum error")
        } catch {
            #expect(error.shortDescription == "checksum_mismatch")
            #expect(error.message.contains("frame 1 at byte 8"))
        }
    }

    @Test("a length prefix over the limit is refused before the message arrives")
    func limit() {
        var reader = ChunkedFrameReader(frameLimit: 1000)
        reader.append([0xe9, 0x07])  // 1001
        #expect(throws: WireError.self) { _ = try reader.next() }
    }

    @Test("an over-long varint length is refused")
    func longVarint() {
        var reader = ChunkedFrameReader()
        reader.append([UInt8](repeating: 0xff, count: 11))
        #expect(throws: WireError.self) { _ = try reader.next() }
    }

    @Test("leftover bytes at the end are a truncation")
    func truncated() throws {
        var reader = ChunkedFrameReader()
        reader.append(Array(ChunkedFrameWriter.frame([1, 2, 3]).dropLast()))
        #expect(try reader.next() == nil)
        #expect(throws: WireError.self) { try reader.finish() }
    }

    @Test("100,000 mutated frame streams read or throw, never crash")
    func mutationLoop() throws {
        var seed: [UInt8] = []
        for message in [[UInt8](repeating: 7, count: 30), [1, 2], []] {
            ChunkedFrameWriter.appendFrame(message, to: &seed)
        }
        var random = SeededRandom(seed: 0x5eed_0031)
        var rejected = 0
        for _ in 0..<100_000 {
            var reader = ChunkedFrameReader(frameLimit: 1 << 16)
            reader.append(random.mutate(seed))
            do {
                while try reader.next() != nil {}
                try reader.finish()
            } catch {
                rejected += 1
            }
        }
        #expect(rejected > 0)
    }
}
