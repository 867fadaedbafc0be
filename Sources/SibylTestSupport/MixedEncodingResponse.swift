public import SibylWire

/// A STREAMED_XOR_CHUNKS answer to one selector (`{job="mixed"}`) whose series come in every kind of chunk a
/// Prometheus 3 may send: XOR, XOR2 (with start timestamps), HISTOGRAM (a golden vector), an encoding no Prometheus
/// defines (9) and a truncated XOR2 chunk.
public enum MixedEncodingResponse {
    /// An evaluation time just after every sample.
    public static let time: Int64 = 1_700_000_130_000
    /// The selector's label.
    public static let job = Label("job", "mixed")

    /// The XOR series' samples.
    public static let xorSamples = (0..<10).map {
        Sample(timestamp: 1_700_000_030_000 + Int64($0) * 10_000, value: Double($0) * 1.5)
    }
    /// The XOR2 series' samples, and their start timestamp.
    public static let xor2Samples = (0..<12).map {
        Sample(timestamp: 1_700_000_010_000 + Int64($0) * 10_000 + Int64($0 % 3), value: 100 - Double($0 * $0) / 4)
    }
    public static let xor2Start: Int64 = 1_699_990_000_000

    /// The labels of each series, by what its chunk is.
    public static func labels(_ name: String) -> [Label] { [Label("__name__", name), job] }

    /// The HISTOGRAM chunk (golden vector `histogram/hist_schema0_first_recoded`) and what it decodes to.
    public static func histogram() throws -> (chunk: [UInt8], samples: [HistogramSample]) {
        let vectors = try PrometheusChunkVectors.load()
        guard let vector = vectors.histogramCases.first(where: { $0.id == "histogram/hist_schema0_first_recoded" })
        else { throw FixtureError("prometheus-chunks: no hist_schema0_first_recoded") }
        return (vector.chunk, vector.samples.map(\.sample))
    }

    /// The response body: one frame per series, XOR, XOR2, HISTOGRAM, encoding 9, then the corrupt XOR2 chunk.
    public static func body() throws -> [UInt8] {
        typealias Crafted = CraftedChunkedResponse
        var xor2 = XOR2ChunkEncoder()
        for sample in xor2Samples { try xor2.append(sample, startTimestamp: xor2Start) }
        func series(_ name: String, _ encoding: UInt64, _ data: [UInt8]) -> [UInt8] {
            Crafted.frame([
                Crafted.series(
                    labels: labels(name).map { Crafted.label($0.name, $0.value) },
                    chunks: [Crafted.chunk(encoding: encoding, data: data)])
            ])
        }
        return series("mixed_xor", 1, try XORChunkEncoder.encode(xorSamples))
            + series("mixed_xor2", 4, xor2.bytes)
            + series("mixed_histogram", 2, try histogram().chunk)
            + series("mixed_unknown", 9, [0, 1, 0, 0x80, 0x80])
            + series("mixed_corrupt", 4, Array(xor2.bytes.prefix(xor2.bytes.count / 2)))
    }
}
