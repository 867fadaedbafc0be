/// Writes a SAMPLES remote-read answer (`prometheus.ReadResponse`) as protobuf bytes, series by series, without
/// building a message per sample: about 20 bytes of memory per sample instead of a protobuf object graph of about
/// 100. The bytes are those SwiftProtobuf writes for the same message (fields in number order, proto3 defaults
/// left out: an empty label name or value, a +0.0 value, a 0 timestamp).
public struct SamplesResponseWriter: Sendable {
    /// The `results` fields written so far, each a whole `QueryResult`.
    private var response: [UInt8] = []
    /// The `timeseries` fields of the query being written.
    private var query: [UInt8] = []
    /// Whether a query is open (``appendSeries(_:)`` was called since the last ``finishQuery()``).
    private var queryOpen = false

    /// Creates an empty answer.
    public init() {}

    /// The bytes written so far, before compression: what a limit on the answer's size bounds.
    public var byteCount: Int { response.count + query.count }

    /// Adds a series to the query being written.
    public mutating func appendSeries(_ series: TimeSeries) {
        queryOpen = true
        var message: [UInt8] = []
        for label in series.labels {
            var field: [UInt8] = []
            Self.appendString(1, label.name, to: &field)
            Self.appendString(2, label.value, to: &field)
            Self.appendBytes(1, field, to: &message)
        }
        var sample: [UInt8] = []
        for one in series.samples {
            sample.removeAll(keepingCapacity: true)
            if one.value.bitPattern != 0 {
                sample.append(0x09)  // field 1, fixed64
                withUnsafeBytes(of: one.value.bitPattern.littleEndian) { sample.append(contentsOf: $0) }
            }
            if one.timestamp != 0 {
                sample.append(0x10)  // field 2, varint
                Varint.appendUnsigned(UInt64(bitPattern: one.timestamp), to: &sample)
            }
            Self.appendBytes(2, sample, to: &message)
        }
        Self.appendBytes(1, message, to: &query)
    }

    /// Closes the query being written; a query without series is an empty `QueryResult`, as Prometheus answers.
    public mutating func finishQuery() {
        Self.appendBytes(1, query, to: &response)
        query.removeAll(keepingCapacity: true)
        queryOpen = false
    }

    /// The answer as sent: one snappy block of the `ReadResponse`.
    public func encoded() -> [UInt8] {
        var bytes = response
        if queryOpen { Self.appendBytes(1, query, to: &bytes) }
        return Snappy.compress(bytes)
    }

    private static func appendString(_ field: UInt64, _ text: String, to output: inout [UInt8]) {
        guard !text.isEmpty else { return }
        Varint.appendUnsigned(field << 3 | 2, to: &output)
        Varint.appendUnsigned(UInt64(text.utf8.count), to: &output)
        output.append(contentsOf: text.utf8)
    }

    private static func appendBytes(_ field: UInt64, _ bytes: [UInt8], to output: inout [UInt8]) {
        Varint.appendUnsigned(field << 3 | 2, to: &output)
        Varint.appendUnsigned(UInt64(bytes.count), to: &output)
        output.append(contentsOf: bytes)
    }
}
