import Foundation
import SibylTestSupport
import SibylWire
import Testing

/// Replays the committed libFuzzer corpora (`Tests/Fixtures/fuzz/<target>/`, crash inputs under `crashes/` too)
/// through the same calls as the fuzz targets in `Fuzz/`, so an input that once crashed a decoder stays a regression
/// test without a sanitizer build. Each input must return or throw; a trap fails the whole run.
struct FuzzCorpusTests {
    @Test("snappy blocks decompress or throw")
    func snappy() throws {
        for input in try FuzzCorpus.inputs("snappy") {
            _ = try? Snappy.decompress(input, limit: 1 << 20)
        }
    }

    @Test("streamed bodies, fed in two halves, decode or throw")
    func streamedResponse() throws {
        let queries = [
            RemoteReadQuery(start: .min, end: .max, matchers: []),
            RemoteReadQuery(start: 0, end: 1_000_000, matchers: []),
        ]
        for input in try FuzzCorpus.inputs("streamed-response") {
            var decoder = StreamedResponseDecoder(queries: queries, frameLimit: 1 << 20)
            do {
                _ = try decoder.append(input[..<(input.count / 2)])
                _ = try decoder.append(input[(input.count / 2)...])
                _ = try decoder.finish()
            } catch {}
        }
    }

    @Test("XOR chunks decode, whole and clipped, or throw")
    func xorChunk() throws {
        for input in try FuzzCorpus.inputs("xor-chunk") {
            _ = try? XORChunkDecoder.decode(input)
            var clipped: [Sample] = []
            input.withUnsafeBytes { chunk in
                try? XORChunkDecoder.decode(chunk, clippingTo: 0...1_000_000, into: &clipped)
            }
        }
    }

    @Test("XOR2 chunks decode, whole and clipped, or throw")
    func xor2Chunk() throws {
        for input in try FuzzCorpus.inputs("xor2-chunk") {
            _ = try? XOR2ChunkDecoder.decode(input)
            var clipped: [Sample] = []
            var starts: [Int64] = []
            input.withUnsafeBytes { chunk in
                try? XOR2ChunkDecoder.decode(chunk, clippingTo: 0...1_000_000, into: &clipped, startTimestamps: &starts)
            }
            #expect(clipped.count == starts.count)
        }
    }

    @Test("histogram chunks, the encoding from the first byte, decode whole and clipped, or throw")
    func histogramChunk() throws {
        let encodings: [ChunkEncoding] = [.histogram, .floatHistogram, .histogramST, .floatHistogramST]
        for input in try FuzzCorpus.inputs("histogram-chunk") where !input.isEmpty {
            let encoding = encodings[Int(input[0] % 4)]
            let chunk = Array(input.dropFirst())
            _ = try? HistogramChunkDecoder.decode(chunk, encoding: encoding)
            var clipped: [HistogramSample] = []
            chunk.withUnsafeBytes { bytes in
                try? HistogramChunkDecoder.decode(bytes, encoding: encoding, clippingTo: 0...1_000_000, into: &clipped)
            }
        }
    }

    @Test("SAMPLES bodies decode or throw")
    func samplesResponse() throws {
        for input in try FuzzCorpus.inputs("samples-response") {
            _ = try? SamplesResponseDecoder.decode(input, queryCount: 1, limit: 1 << 20, seriesLimit: 10_000)
        }
    }

    @Test("remote-read request bodies decode or throw")
    func readRequest() throws {
        for input in try FuzzCorpus.inputs("read-request") {
            _ = try? RemoteReadRequest(decoding: input, limit: 1 << 20)
        }
    }

    @Test("selector text parses back from its description and compiles, or is refused")
    func selector() throws {
        for input in try FuzzCorpus.inputs("selector") {
            let text = String(decoding: input, as: UTF8.self)
            guard let selector = try? SeriesSelector(parsing: text) else { continue }
            #expect(try SeriesSelector(parsing: selector.description) == selector, "\(text)")
            _ = selector.compiled().matches(["__name__": "up", "job": "node"])
        }
    }
}
