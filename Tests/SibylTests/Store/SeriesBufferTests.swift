import Sibyl
import SibylWire
import Testing

struct SeriesBufferTests {
    @Test("overlapping appends are de-duplicated; stale markers end the series without being values")
    func appendAndStale() {
        var buffer = SeriesBuffer()
        #expect(buffer.append([Sample(timestamp: 1000, value: 1), Sample(timestamp: 2000, value: 2)]) == 2)
        #expect(
            buffer.append([Sample(timestamp: 2000, value: 2), Sample(timestamp: 3000, value: Sample.staleNaN)]) == 0)
        #expect(buffer.isStale)
        #expect(buffer.lastSeen == 3000)
        #expect(buffer.append([Sample(timestamp: 4000, value: 4)]) == 1)
        #expect(!buffer.isStale)
        #expect(Array(buffer.window(endingAt: 4000, length: 10_000)) == [1, 2, 4])
    }

    @Test("a window is (end − length, end]: the left edge is out, the right edge is in")
    func windowEdges() {
        var buffer = SeriesBuffer()
        buffer.append((1...10).map { Sample(timestamp: Int64($0) * 1000, value: Double($0)) })
        #expect(Array(buffer.window(endingAt: 8000, length: 3000)) == [6, 7, 8])
        #expect(Array(buffer.window(endingAt: 8500, length: 3000)) == [6, 7, 8])
        #expect(buffer.window(endingAt: 500, length: 3000).isEmpty)
    }

    @Test("trimming forgets old samples and compacts storage")
    func trim() {
        var buffer = SeriesBuffer()
        buffer.append((1...10_000).map { Sample(timestamp: Int64($0), value: Double($0)) })
        buffer.trim(through: 9000)
        #expect(buffer.count == 1000)
        #expect(buffer.startIndex == 0)  // compacted
        #expect(buffer.window(endingAt: 10_000, length: 100_000).first == 9001)
    }
}
