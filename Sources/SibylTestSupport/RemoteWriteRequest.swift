public import SibylWire
import SwiftProtobuf

/// A remote-write 1.0 request: series with their samples, and optional metric metadata.
///
/// Encodes to the snappy-compressed `prometheus.WriteRequest` a remote-write receiver takes
/// (`Content-Encoding: snappy`, `Content-Type: application/x-protobuf`,
/// `X-Prometheus-Remote-Write-Version: 0.1.0`). Test support: the tests fill Prometheus fixtures through its
/// remote-write receiver with it, and decode what Sibyl's remote write sends with it.
public struct RemoteWriteRequest: Sendable, Hashable {
    /// Metadata of one metric family (a Prometheus extension of remote write 1.0).
    public struct Metadata: Sendable, Hashable {
        /// The family's type, as `MetricMetadata.MetricType` numbers it.
        public enum Kind: Int, Sendable, Hashable {
            /// Unknown.
            case unknown = 0
            /// Counter.
            case counter = 1
            /// Gauge.
            case gauge = 2
            /// Histogram.
            case histogram = 3
            /// Gauge histogram.
            case gaugeHistogram = 4
            /// Summary.
            case summary = 5
            /// Info.
            case info = 6
            /// State set.
            case stateSet = 7
        }

        /// The family type.
        public var kind: Kind
        /// The family name.
        public var familyName: String
        /// The help text.
        public var help: String
        /// The unit.
        public var unit: String

        /// Creates metadata.
        /// - Parameters:
        ///   - kind: the family type.
        ///   - help: the help text.
        public init(kind: Kind, familyName: String, help: String, unit: String = "") {
            self.kind = kind
            self.familyName = familyName
            self.help = help
            self.unit = unit
        }
    }

    /// The series; each carries its full, sorted label set.
    public var series: [TimeSeries]
    /// Family metadata.
    public var metadata: [Metadata]

    /// Creates a request.
    /// - Parameters:
    ///   - metadata: family metadata.
    public init(series: [TimeSeries], metadata: [Metadata] = []) {
        self.series = series
        self.metadata = metadata
    }

    /// The serialized `WriteRequest`, not compressed.
    public func serialized() -> [UInt8] {
        var request = Prometheus_WriteRequest()
        request.timeseries = series.map { Prometheus_TimeSeries(labels: $0.labels, samples: $0.samples) }
        request.metadata = metadata.map { entry in
            var proto = Prometheus_MetricMetadata()
            proto.type = Prometheus_MetricMetadata.MetricType(rawValue: entry.kind.rawValue) ?? .unknown
            proto.metricFamilyName = entry.familyName
            proto.help = entry.help
            proto.unit = entry.unit
            return proto
        }
        return (try? request.serializedBytes()) ?? []
    }

    /// The HTTP body: the snappy block of ``serialized()``.
    public func encoded() -> [UInt8] {
        Snappy.compress(serialized())
    }

    /// Decodes a request body, as a receiver does.
    /// - Parameters:
    ///   - body: the snappy-compressed `WriteRequest`.
    ///   - limit: the largest decompressed size accepted.
    /// - Throws: `WireError` for bad snappy or protobuf.
    public init(decoding body: [UInt8], limit: Int = Snappy.defaultDecompressedLimit) throws(WireError) {
        let bytes = try Snappy.decompress(body, limit: limit)
        let request: Prometheus_WriteRequest
        do {
            request = try Prometheus_WriteRequest(serializedBytes: bytes)
        } catch {
            throw .invalidProtobuf("WriteRequest: \(error)")
        }
        series = request.timeseries.map { proto in
            TimeSeries(
                labels: proto.labels.map { Label($0.name, $0.value) },
                samples: proto.samples.map { Sample(timestamp: $0.timestamp, value: $0.value) }
            )
        }
        metadata = request.metadata.map { proto in
            Metadata(
                kind: Metadata.Kind(rawValue: proto.type.rawValue) ?? .unknown,
                familyName: proto.metricFamilyName,
                help: proto.help,
                unit: proto.unit
            )
        }
    }
}
