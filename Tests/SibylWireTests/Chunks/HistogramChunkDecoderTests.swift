import SibylTestSupport
import SibylWire
import Testing

struct HistogramChunkDecoderTests {
    static func cases() throws -> [PrometheusChunkVectors.HistogramCase] {
        try XOR2ChunkDecoderTests.vectors.get().histogramCases
    }

    @Test("decodes every histogram vector bit for bit")
    func vectors() throws {
        let cases = try Self.cases()
        #expect(cases.count == 11)
        for encoding in [ChunkEncoding.histogram, .floatHistogram, .histogramST, .floatHistogramST] {
            #expect(cases.contains { $0.encoding == encoding.rawValue }, "\(encoding)")
        }
        for vector in cases {
            let encoding = try #require(ChunkEncoding(rawValue: vector.encoding))
            let samples = try HistogramChunkDecoder.decode(vector.chunk, encoding: encoding)
            #expect(samples.count == vector.numSamples, "\(vector.id)")
            for (got, want) in zip(samples, vector.samples.map(\.sample)) {
                #expect(got == want, "\(vector.id) sample at \(want.timestamp)")
                #expect(got.startTimestamp == want.startTimestamp, "\(vector.id)")
            }
            #expect(samples.map(\.isStaleMarker) == vector.samples.map(\.stale), "\(vector.id)")
        }
    }

    @Test("reads the counter-reset header of every vector")
    func counterResetHeaders() throws {
        let names: [String: CounterResetHint] = [
            "UnknownCounterReset": .unknown, "CounterReset": .reset, "NotCounterReset": .notReset,
            "GaugeType": .gauge,
        ]
        let cases = try Self.cases()
        #expect(Set(cases.map(\.counterResetHeaderName)) == Set(names.keys))
        for vector in cases {
            let encoding = try #require(ChunkEncoding(rawValue: vector.encoding))
            let header = vector.chunk.withUnsafeBytes {
                HistogramChunkDecoder.counterResetHeader($0, encoding: encoding)
            }
            #expect(header == names[vector.counterResetHeaderName], "\(vector.id)")
        }
    }

    @Test("the vectors cover custom buckets, stale markers, gauges and start timestamps")
    func coverage() throws {
        let samples = try Self.cases().flatMap { $0.samples.map(\.sample) }
        #expect(samples.contains { $0.histogram.schema == NativeHistogram.customBucketsSchema })
        #expect(samples.contains { !$0.histogram.customValues.isEmpty })
        #expect(samples.contains { $0.isStaleMarker })
        #expect(samples.contains { $0.histogram.counterResetHint == .gauge })
        #expect(samples.contains { $0.startTimestamp != 0 })
        #expect(samples.contains { !$0.histogram.negativeBuckets.isEmpty })
    }

    @Test("clips to the query's range")
    func clipping() throws {
        let vector = try #require(try Self.cases().first { $0.id == "histogramst/hist_st_schema0" })
        let want = vector.samples.map(\.sample)
        var samples: [HistogramSample] = []
        try vector.chunk.withUnsafeBytes { bytes in
            try HistogramChunkDecoder.decode(
                bytes, encoding: .histogramST, clippingTo: want[1].timestamp...want[2].timestamp, into: &samples)
        }
        #expect(samples == Array(want[1...2]))
    }

    @Test("a truncated or inconsistent chunk throws, never traps")
    func corrupt() throws {
        for vector in try Self.cases() {
            let encoding = try #require(ChunkEncoding(rawValue: vector.encoding))
            let chunk = vector.chunk
            for length in [0, 2, 3, 5, chunk.count / 2, chunk.count - 2] {
                #expect(throws: WireError.self, "\(vector.id) cut at \(length)") {
                    try HistogramChunkDecoder.decode(Array(chunk.prefix(length)), encoding: encoding)
                }
            }
        }
        // An unknown schema (varbit_int 100 after a zero threshold of 0).
        #expect(throws: WireError.self) {
            try HistogramChunkDecoder.decode(
                [0, 1, 0, 0, 0b1110_0011, 0b0010_0000] + [UInt8](repeating: 0, count: 40),
                encoding: .histogram)
        }
        #expect(throws: WireError.self) { try HistogramChunkDecoder.decode([0, 1, 0], encoding: .xor) }
    }
}
