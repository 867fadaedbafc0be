/// One native histogram in Prometheus' protobuf exposition format, for a scrape target a test serves to a real
/// Prometheus (which, before 3.x, ingests native histograms only from this format).
///
/// The bytes are one varint-length-delimited `io.prometheus.client.MetricFamily` of type HISTOGRAM holding one
/// `Metric` whose `Histogram` has only the native fields (prometheus/client_model `metrics.proto`): schema (5),
/// zero_threshold (6), zero_count (7), negative_span (9), negative_delta (10), positive_span (12), positive_delta
/// (13), besides sample_count (1) and sample_sum (2).
public struct ExpositionNativeHistogram: Sendable {
    /// The `Content-Type` of a delimited protobuf scrape answer.
    public static let contentType =
        "application/vnd.google.protobuf; proto=io.prometheus.client; encoding=delimited"

    /// The metric name.
    public var name: String
    /// The labels besides the name, in order.
    public var labels: [Pair]
    /// The bucket schema (−4…8).
    public var schema: Int
    /// The zero bucket's half-width.
    public var zeroThreshold: Double
    /// The zero bucket's count.
    public var zeroCount: UInt64
    /// The sum of the observations.
    public var sum: Double
    /// Positive bucket counts by bucket index (bucket `i` is `(2^((i−1)/2^schema), 2^(i/2^schema)]`).
    public var positive: [Int: UInt64]
    /// Negative bucket counts by bucket index (mirroring the positive ones).
    public var negative: [Int: UInt64]

    /// A label name and value.
    public struct Pair: Sendable {
        /// The name.
        public var name: String
        /// The value.
        public var value: String

        /// Creates a label.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Creates a histogram.
    public init(
        name: String, labels: [Pair] = [], schema: Int, zeroThreshold: Double, zeroCount: UInt64, sum: Double,
        positive: [Int: UInt64], negative: [Int: UInt64]
    ) {
        self.name = name
        self.labels = labels
        self.schema = schema
        self.zeroThreshold = zeroThreshold
        self.zeroCount = zeroCount
        self.sum = sum
        self.positive = positive
        self.negative = negative
    }

    /// The number of observations: the zero bucket's and every bucket's.
    public var count: UInt64 { zeroCount + positive.values.reduce(0, +) + negative.values.reduce(0, +) }

    /// The scrape answer: the delimited `MetricFamily`.
    public func delimitedMetricFamily() -> [UInt8] {
        var histogram = ProtobufWriter()
        histogram.varint(1, count)
        histogram.double(2, sum)
        histogram.signed(5, Int64(schema))
        histogram.double(6, zeroThreshold)
        histogram.varint(7, zeroCount)
        Self.buckets(negative, spans: 9, deltas: 10, into: &histogram)
        Self.buckets(positive, spans: 12, deltas: 13, into: &histogram)
        var metric = ProtobufWriter()
        for label in labels {
            var pair = ProtobufWriter()
            pair.string(1, label.name)
            pair.string(2, label.value)
            metric.message(1, pair)
        }
        metric.message(7, histogram)
        var family = ProtobufWriter()
        family.string(1, name)
        family.string(2, "A native histogram served by a test.")
        family.varint(3, 4)  // MetricType.HISTOGRAM
        family.message(4, metric)
        var delimited = ProtobufWriter()
        delimited.rawVarint(UInt64(family.bytes.count))
        return delimited.bytes + family.bytes
    }

    /// Writes `counts` as spans (offset: the first index, then the gap after the previous span) and count deltas.
    static func buckets(_ counts: [Int: UInt64], spans: Int, deltas: Int, into writer: inout ProtobufWriter) {
        let indices = counts.keys.sorted()
        var runs: [(start: Int, length: Int)] = []
        for index in indices {
            if let last = runs.last, last.start + last.length == index {
                runs[runs.count - 1].length += 1
            } else {
                runs.append((index, 1))
            }
        }
        var end = 0
        for (number, run) in runs.enumerated() {
            var span = ProtobufWriter()
            span.signed(1, Int64(number == 0 ? run.start : run.start - end))
            span.varint(2, UInt64(run.length))
            writer.message(spans, span)
            end = run.start + run.length
        }
        var previous: Int64 = 0
        for index in indices {
            let count = Int64(counts[index] ?? 0)
            writer.signed(deltas, count - previous)
            previous = count
        }
    }
}
