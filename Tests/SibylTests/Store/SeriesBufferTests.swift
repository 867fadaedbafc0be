import Foundation
import Sibyl
import SibylAnalysis
import SibylTestSupport
import SibylWire
import Testing

struct SeriesBufferTests {
    /// A buffer holding `samples`.
    static func buffer(_ samples: [Sample]) -> SeriesBuffer {
        var buffer = SeriesBuffer()
        buffer.append(samples)
        return buffer
    }

    /// The statistics of `values` as the first system computed them (two passes over the values).
    static func direct(_ values: [Double]) -> WindowStatistics? { WindowStatistics(values) }

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
        #expect(buffer.samples(endingAt: 4000, length: 10_000).values == [1, 2, 4])
        #expect(buffer.samples(endingAt: 4000, length: 10_000).timestamps == [1000, 2000, 4000])
    }

    @Test("a window is (end − length, end]: the left edge is out, the right edge is in, across chunk boundaries")
    func windowEdges() {
        let buffer = Self.buffer((1...1000).map { Sample(timestamp: Int64($0) * 1000, value: Double($0)) })
        #expect(buffer.samples(endingAt: 8000, length: 3000).values == [6, 7, 8])
        #expect(buffer.samples(endingAt: 8500, length: 3000).values == [6, 7, 8])
        #expect(buffer.samples(endingAt: 500, length: 3000).values.isEmpty)
        // Every window, chunk edges (120, 240, …) included, holds exactly its samples, and its summary equals the
        // statistics of those samples.
        for (end, length) in [(120, 1), (121, 2), (240, 120), (241, 121), (1000, 1000), (999, 998), (700, 333)] {
            let window = buffer.samples(endingAt: Int64(end) * 1000, length: Int64(length) * 1000)
            let expected = ((end - length + 1)...end).map(Double.init)
            #expect(window.values == expected, "end \(end), length \(length)")
            let summary = buffer.summary(endingAt: Int64(end) * 1000, length: Int64(length) * 1000)
            let statistics = WindowStatistics(summary)
            #expect(statistics?.count == length)
            #expect(statistics?.min == expected.first && statistics?.max == expected.last)
            #expect(abs((statistics?.mean ?? 0) - (expected.reduce(0, +) / Double(length))) < 1e-9)
        }
    }

    @Test("one reused room decodes each buffer's window as a fresh decode does")
    func reusedRoom() {
        var random = SystemRandomNumberGenerator()
        let buffers = (0..<20).map { index in
            Self.buffer(
                (0..<(index * 97 % 700)).map {
                    Sample(timestamp: Int64($0) * 5000, value: Double.random(in: -1e6...1e6, using: &random))
                })
        }
        var room = DecodedWindow()
        for (index, buffer) in buffers.enumerated() {
            let end = Int64(index * 13_000 + 2_000_000)
            buffer.samples(endingAt: end, length: 1_800_000, into: &room)
            let fresh = buffer.samples(endingAt: end, length: 1_800_000)
            #expect(room.timestamps == fresh.timestamps, "buffer \(index)")
            #expect(room.values.map(\.bitPattern) == fresh.values.map(\.bitPattern), "buffer \(index)")
            #expect(fresh.timestamps.allSatisfy { $0 > end - 1_800_000 && $0 <= end })
        }
    }

    @Test("source XOR chunks are kept as their bytes; the windows read as if their samples had been appended")
    func adoptedChunks() throws {
        var random = SystemRandomNumberGenerator()
        var samples: [Sample] = []
        var chunks: [StreamedResponseDecoder.SourceChunk] = []
        var time: Int64 = 1_000_000
        // Runs of 37, 120 and 90 samples kept as chunks, with loose samples between, as a read can bring them.
        for length in [37, 120, 5, 90, 120] {
            let run = (0..<length).map { _ in
                time += Int64.random(in: 4_990...5_010, using: &random)
                return Sample(timestamp: time, value: Double.random(in: -1e3...1e3, using: &random).rounded())
            }
            if length != 5 {
                chunks.append(
                    .init(samples: samples.count..<samples.count + length, bytes: try XORChunkEncoder.encode(run)))
            }
            samples += run
        }
        var adopted = SeriesBuffer()
        #expect(adopted.append(samples, chunks: chunks) == samples.count)
        let appended = Self.buffer(samples)
        #expect(adopted.count == samples.count)
        #expect(adopted.chunkBytes >= chunks.reduce(0) { $0 + $1.bytes.count })
        let end = time
        for length in [10_000 as Int64, 200_000, 600_000, 1_000_000, 2_000_000] {
            let window = adopted.samples(endingAt: end, length: length)
            #expect(window.timestamps == appended.samples(endingAt: end, length: length).timestamps)
            #expect(window.values == appended.samples(endingAt: end, length: length).values)
            let got = try #require(WindowStatistics(adopted.summary(endingAt: end, length: length)))
            let want = try #require(Self.direct(window.values))
            #expect(got.count == want.count && got.min == want.min && got.max == want.max)
            #expect(abs(got.mean - want.mean) <= 1e-12 * max(1, abs(want.mean)))
            #expect(abs((got.standardDeviation ?? 0) - (want.standardDeviation ?? 0)) <= 1e-9)
        }
        // New samples go on after the kept chunks; an old or stale run is encoded sample by sample instead.
        #expect(adopted.append([Sample(timestamp: end + 5_000, value: 1)]) == 1)
        let stale = [
            Sample(timestamp: end + 10_000, value: 2), Sample(timestamp: end + 15_000, value: Sample.staleNaN),
        ]
        #expect(adopted.append(stale, chunks: [.init(samples: 0..<2, bytes: try XORChunkEncoder.encode(stale))]) == 1)
        #expect(adopted.isStale)
        #expect(adopted.samples(endingAt: end + 20_000, length: 20_000).values == [1, 2])
    }

    @Test("a window's summary equals the two-pass statistics of its values within 1e-12, on many random windows")
    func summaryEqualsDirect() {
        var random = SeededRandom(seed: 18)
        var samples: [Sample] = []
        var value = 100.0
        for index in 0..<5000 {
            value += Double.random(in: -3...3, using: &random)
            samples.append(Sample(timestamp: 1_700_000_000_000 + Int64(index) * 5000, value: value))
        }
        let buffer = Self.buffer(samples)
        for _ in 0..<300 {
            let end =
                samples[Int.random(in: 0..<samples.count, using: &random)].timestamp
                + Int64.random(in: 0..<5000, using: &random)
            let length = Int64.random(in: 1...(Int64(samples.count) * 5000), using: &random)
            let values = samples.filter { $0.timestamp > end - length && $0.timestamp <= end }.map(\.value)
            let direct = Self.direct(values)
            let merged = WindowStatistics(buffer.summary(endingAt: end, length: length))
            #expect(merged?.count == direct?.count)
            #expect(merged?.min == direct?.min && merged?.max == direct?.max)
            if let merged, let direct {
                #expect(abs(merged.mean - direct.mean) <= 1e-12 * abs(direct.mean))
                if let deviation = direct.standardDeviation {
                    #expect(abs((merged.standardDeviation ?? .nan) - deviation) <= 1e-9 * deviation)
                }
            }
        }
    }

    @Test("stddev stays accurate on 1e12-magnitude gauges with a tiny variance")
    func largeMagnitudeSmallVariance() throws {
        // 1e12 + {0, 0.25, 0.5, 0.75}: exactly representable, exact stddev known.
        let values = (0..<2000).map { 1e12 + Double($0 % 4) * 0.25 }
        let buffer = Self.buffer(
            values.enumerated().map { Sample(timestamp: Int64($0.offset + 1) * 5000, value: $0.element) })
        let statistics = try #require(WindowStatistics(buffer.summary(endingAt: 2000 * 5000, length: 2000 * 5000)))
        let mean = 1e12 + 0.375
        let exact = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 1999).squareRoot()
        #expect(
            abs(statistics.standardDeviation! - exact) <= 1e-9 * exact, "\(statistics.standardDeviation!) vs \(exact)")
        #expect(statistics.mean == mean)
    }

    @Test("NaN values are held but not counted in the statistics; infinities make the mean infinite")
    func nonNumbers() throws {
        let buffer = Self.buffer([
            Sample(timestamp: 1000, value: 1), Sample(timestamp: 2000, value: .nan), Sample(timestamp: 3000, value: 3),
        ])
        #expect(buffer.count == 3)
        let statistics = try #require(WindowStatistics(buffer.summary(endingAt: 3000, length: 10_000)))
        #expect(statistics.count == 2 && statistics.mean == 2)
        let infinite = Self.buffer([Sample(timestamp: 1000, value: .infinity), Sample(timestamp: 2000, value: 1)])
        #expect(WindowStatistics(infinite.summary(endingAt: 2000, length: 10_000))?.mean == .infinity)
    }

    @Test("trimming forgets whole chunks whose samples all left, and the bytes go with them")
    func trim() {
        var buffer = Self.buffer((1...10_000).map { Sample(timestamp: Int64($0), value: Double($0)) })
        let before = buffer.chunkBytes
        buffer.trim(through: 9000)
        // Chunks hold 120 samples: the chunk of 8881…9000 goes, the one of 9001…9120 stays whole.
        #expect(buffer.count == 1000)
        #expect(buffer.chunkBytes < before / 5)
        #expect(buffer.samples(endingAt: 10_000, length: 100_000).values.first == 9001)
        buffer.trim(through: 9050)
        #expect(buffer.count == 1000)  // 9001…9120 is one chunk: it stays until 9120 leaves
        #expect(buffer.samples(endingAt: 10_000, length: 950).values.first == 9051)
        // What a trim cut is gone for every reader, though its chunk is still held.
        #expect(buffer.samples(endingAt: 10_000, length: 100_000).values.first == 9051)
        #expect(WindowStatistics(buffer.summary(endingAt: 10_000, length: 100_000))?.count == 950)
        buffer.trim(through: 20_000)
        #expect(buffer.count == 0)
        #expect(buffer.samples(endingAt: 30_000, length: 30_000).values.isEmpty)
        #expect(buffer.append([Sample(timestamp: 20_001, value: 1)]) == 1)
        #expect(buffer.samples(endingAt: 30_000, length: 30_000).values == [1])
    }

    @Test("the chunks are Prometheus XOR chunks: their bytes decode to the samples appended")
    func chunksAreXOR() throws {
        let samples = (0..<240).map { Sample(timestamp: 1_000_000 + Int64($0) * 5000, value: Double($0 % 7)) }
        let buffer = Self.buffer(samples)
        let direct =
            try XORChunkEncoder.encode(Array(samples[0..<120])).count
            + XORChunkEncoder.encode(Array(samples[120...])).count
        #expect(buffer.chunkBytes == direct)
    }
}
