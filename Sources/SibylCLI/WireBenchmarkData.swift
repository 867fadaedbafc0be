import SibylWire

/// Synthetic node-exporter-like series for `sibyl bench`, pre-encoded in every wire form.
///
/// A quarter each: constant gauges (like `up`), counters growing by small integers, float
/// gauges, and counters with fractional increments (like CPU seconds). Timestamps step 5 s
/// with occasional ±3 ms jitter; chunks hold 120 samples as Prometheus cuts them.
struct WireBenchmarkData {
    let series: [TimeSeries]
    let chunks: [[UInt8]]
    /// The same chunks as XOR2.
    let xor2Chunks: [[UInt8]]
    let streamedBody: [UInt8]
    let samplesBody: [UInt8]
    let query: RemoteReadQuery
    let sampleCount: Int

    init(series count: Int, samplesPerSeries: Int) {
        var random = SystemRandomNumberGenerator()
        var generated: [TimeSeries] = []
        for index in 0..<count {
            var timestamp: Int64 = 1_795_000_000_000
            var value = Double(index)
            var samples: [Sample] = []
            samples.reserveCapacity(samplesPerSeries)
            for _ in 0..<samplesPerSeries {
                samples.append(Sample(timestamp: timestamp, value: value))
                timestamp +=
                    5000 + (Int.random(in: 0..<20, using: &random) == 0 ? Int64.random(in: -3...3, using: &random) : 0)
                switch index % 4 {
                case 0: break
                case 1: value += Double(Int.random(in: 0...20, using: &random))
                case 2: value = Double.random(in: 0...4, using: &random)
                default: value += Double(Int.random(in: 0...300, using: &random)) / 100
                }
            }
            generated.append(
                TimeSeries(labels: [Label("__name__", "bench_metric"), Label("series", "\(index)")], samples: samples))
        }
        series = generated
        sampleCount = count * samplesPerSeries
        var chunks: [[UInt8]] = []
        var xor2Chunks: [[UInt8]] = []
        for one in generated {
            var start = 0
            while start < one.samples.count {
                let end = min(one.samples.count, start + 120)
                chunks.append((try? XORChunkEncoder.encode(Array(one.samples[start..<end]))) ?? [])
                xor2Chunks.append((try? XOR2ChunkEncoder.encode(Array(one.samples[start..<end]))) ?? [])
                start = end
            }
        }
        self.chunks = chunks
        self.xor2Chunks = xor2Chunks
        query = RemoteReadQuery(start: .min, end: .max, matchers: [LabelMatcher("__name__", .equal, "bench_metric")])
        streamedBody = StreamedResponseEncoder.encode(generated, queryIndex: 0)
        samplesBody = SamplesResponseDecoder.encode([generated])
    }

    var description: String {
        "\(series.count) series × \(sampleCount / max(series.count, 1)) samples = \(sampleCount) samples; "
            + "\(chunks.count) XOR chunks, \(chunks.reduce(0) { $0 + $1.count }) bytes "
            + "(XOR2: \(xor2Chunks.reduce(0) { $0 + $1.count }) bytes); "
            + "SAMPLES body \(samplesBody.count) bytes"
    }

    /// The baseline: copy every sample of every series into one array (memory bandwidth bound).
    func copySamples() -> Int {
        var output: [Sample] = []
        output.reserveCapacity(sampleCount)
        for one in series { output.append(contentsOf: one.samples) }
        return output.count
    }

    func decodeChunks() -> Int {
        var output: [Sample] = []
        output.reserveCapacity(sampleCount)
        for chunk in chunks {
            chunk.withUnsafeBytes { bytes in
                try? XORChunkDecoder.decode(bytes, clippingTo: Int64.min...Int64.max, into: &output)
            }
        }
        return output.count
    }

    func decodeXOR2Chunks() -> Int {
        var output: [Sample] = []
        var starts: [Int64] = []
        output.reserveCapacity(sampleCount)
        starts.reserveCapacity(sampleCount)
        for chunk in xor2Chunks {
            chunk.withUnsafeBytes { bytes in
                try? XOR2ChunkDecoder.decode(
                    bytes, clippingTo: Int64.min...Int64.max, into: &output, startTimestamps: &starts)
            }
        }
        return output.count
    }

    func decodeStreamed() -> Int {
        var decoder = StreamedResponseDecoder(queries: [query])
        var total = 0
        for series in (try? decoder.append(streamedBody)) ?? [] { total += series.series.samples.count }
        for series in (try? decoder.finish()) ?? [] { total += series.series.samples.count }
        return total
    }

    func decodeSamplesResponse() -> Int {
        let results = (try? SamplesResponseDecoder.decode(samplesBody, queryCount: 1)) ?? []
        return results.reduce(0) { $0 + $1.reduce(0) { $0 + $1.samples.count } }
    }

    /// Selects series by a nested repetition, as a query's selector would: RE2 keeps it linear in the label values.
    func matchRegex() -> Int {
        let selector = SeriesSelector([LabelMatcher("series", .regexMatch, "(.*)*7")]).compiled()
        return series.reduce(0) { $0 + (selector.matches($1.labels) ? 1 : 0) }
    }

    func encodeChunks() -> Int {
        var total = 0
        for one in series {
            var start = 0
            while start < one.samples.count {
                let end = min(one.samples.count, start + 120)
                total += ((try? XORChunkEncoder.encode(Array(one.samples[start..<end]))) ?? []).count
                start = end
            }
        }
        return total
    }
}
