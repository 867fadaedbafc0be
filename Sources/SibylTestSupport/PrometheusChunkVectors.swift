import Foundation
public import SibylWire

/// The golden chunk vectors of `Tests/Fixtures/prometheus-chunks/vectors.json` (written by Prometheus 3.14's own
/// encoders; the fields are described in that folder's README §3).
public struct PrometheusChunkVectors: Decodable, Sendable {
    /// A float chunk (XOR or XOR2) and every sample it decodes to.
    public struct FloatCase: Decodable, Sendable {
        public var id: String
        public var description: String
        public var encoding: UInt64
        public var numSamples: Int
        public var chunkHex: String
        public var samples: [FloatSample]

        /// The chunk bytes.
        public var chunk: [UInt8] { PrometheusChunkVectors.bytes(hex: chunkHex) }
    }

    /// One float sample of a vector.
    public struct FloatSample: Decodable, Sendable {
        public var i: Int
        /// The start timestamp (XOR2 only; 0 when unknown).
        public var st: Int64?
        public var t: Int64
        public var vHex: String
        public var stale: Bool?

        /// The sample with its exact value bits.
        public var sample: Sample {
            Sample(timestamp: t, value: Double(bitPattern: UInt64(vHex.dropFirst(2), radix: 16) ?? 0))
        }
    }

    /// A native histogram chunk and every sample it decodes to.
    public struct HistogramCase: Decodable, Sendable {
        public var id: String
        public var encoding: UInt64
        public var numSamples: Int
        public var counterResetHeaderName: String
        public var chunkHex: String
        public var samples: [HistogramVectorSample]

        /// The chunk bytes.
        public var chunk: [UInt8] { PrometheusChunkVectors.bytes(hex: chunkHex) }
    }

    /// A bucket span as the vectors write it.
    public struct Span: Decodable, Sendable {
        public var offset: Int32
        public var length: UInt32
    }

    /// A number as the vectors write it: an exact integer, a decimal string, or `{hex, dec}` with the exact bits.
    public struct Number: Decodable, Sendable {
        public var value: Double

        private struct Bits: Decodable {
            var hex: String
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let integer = try? container.decode(Int64.self) {
                value = Double(integer)
            } else if let text = try? container.decode(String.self), let parsed = Double(text) {
                value = parsed
            } else {
                let bits = try container.decode(Bits.self)
                guard let pattern = UInt64(bits.hex.dropFirst(2), radix: 16) else {
                    throw FixtureError("bad float bits \(bits.hex)")
                }
                value = Double(bitPattern: pattern)
            }
        }
    }

    /// One histogram sample of a vector.
    public struct HistogramVectorSample: Decodable, Sendable {
        public var i: Int
        public var st: Int64?
        public var t: Int64
        public var stale: Bool
        public var counterResetHint: String
        public var schema: Int32
        public var zeroThreshold: Number
        public var zeroCount: Number
        public var count: Number
        public var sum: Number
        public var positiveSpans: [Span]
        public var negativeSpans: [Span]
        public var positiveBucketCounts: [Number]
        public var negativeBucketCounts: [Number]
        public var customValues: [String]?

        /// The sample as Sibyl's decoder should return it.
        public var sample: HistogramSample {
            let histogram = NativeHistogram(
                counterResetHint: CounterResetHint(rawValue: counterResetHint) ?? .unknown, schema: schema,
                zeroThreshold: zeroThreshold.value, zeroCount: zeroCount.value, count: count.value, sum: sum.value,
                positiveSpans: positiveSpans.map { BucketSpan(offset: $0.offset, length: $0.length) },
                negativeSpans: negativeSpans.map { BucketSpan(offset: $0.offset, length: $0.length) },
                positiveBuckets: positiveBucketCounts.map(\.value), negativeBuckets: negativeBucketCounts.map(\.value),
                customValues: (customValues ?? []).compactMap(Double.init))
            return HistogramSample(timestamp: t, startTimestamp: st ?? 0, histogram: histogram)
        }
    }

    public var floatCases: [FloatCase]
    public var histogramCases: [HistogramCase]

    /// Reads `Tests/Fixtures/prometheus-chunks/vectors.json(.gz)`.
    /// - Throws: ``FixtureError`` when the file is missing; a decoding error for an unexpected shape.
    public static func load() throws -> PrometheusChunkVectors {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Self.self, from: Fixtures.data("prometheus-chunks/vectors.json"))
    }

    /// The bytes a hex string spells.
    public static func bytes(hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }
}
