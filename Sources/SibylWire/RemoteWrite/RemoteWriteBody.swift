import SwiftProtobuf

/// Remote-write request bodies: the snappy block of a `prometheus.WriteRequest` (1.0) or of an
/// `io.prometheus.write.v2.Request` (2.0).
///
/// 1.0 carries each family's type, help and unit once, in `metadata`; 2.0 carries them on every series, with
/// every string once in the request's symbols table.
public enum RemoteWriteBody {
    /// `Content-Type` of a 1.0 body.
    public static let contentTypeV1 = "application/x-protobuf"
    /// `Content-Type` of a 2.0 body.
    public static let contentTypeV2 = "application/x-protobuf;proto=io.prometheus.write.v2.Request"
    /// `X-Prometheus-Remote-Write-Version` of a 1.0 request.
    public static let versionV1 = "0.1.0"
    /// `X-Prometheus-Remote-Write-Version` of a 2.0 request.
    public static let versionV2 = "2.0.0"

    /// The snappy-compressed 1.0 body.
    /// - Parameter series: the series, labels sorted by name.
    /// - Returns: the body.
    public static func v1(_ series: [RemoteWriteSeries]) -> [UInt8] {
        var request = Prometheus_WriteRequest()
        var described: Set<String> = []
        for entry in series {
            request.timeseries.append(Prometheus_TimeSeries(labels: entry.labels, samples: entry.samples))
            let name = entry.metricName
            if described.insert(name).inserted {
                var metadata = Prometheus_MetricMetadata()
                metadata.type = typeV1(entry.metadata.kind)
                metadata.metricFamilyName = name
                metadata.help = entry.metadata.help
                metadata.unit = entry.metadata.unit
                request.metadata.append(metadata)
            }
        }
        return Snappy.compress((try? request.serializedBytes()) ?? [])
    }

    /// The snappy-compressed 2.0 body.
    /// - Parameter series: the series, labels sorted by name.
    /// - Returns: the body.
    public static func v2(_ series: [RemoteWriteSeries]) -> [UInt8] {
        var symbols = SymbolTable()
        var request = Io_Prometheus_Write_V2_Request()
        for entry in series {
            var message = Io_Prometheus_Write_V2_TimeSeries()
            message.labelsRefs = entry.labels.flatMap { [symbols.reference($0.name), symbols.reference($0.value)] }
            message.samples = entry.samples.map { sample in
                var proto = Io_Prometheus_Write_V2_Sample()
                proto.value = sample.value
                proto.timestamp = sample.timestamp
                return proto
            }
            var metadata = Io_Prometheus_Write_V2_Metadata()
            metadata.type = typeV2(entry.metadata.kind)
            metadata.helpRef = symbols.reference(entry.metadata.help)
            metadata.unitRef = symbols.reference(entry.metadata.unit)
            message.metadata = metadata
            request.timeseries.append(message)
        }
        request.symbols = symbols.symbols
        return Snappy.compress((try? request.serializedBytes()) ?? [])
    }

    /// Decodes a 2.0 body, as a receiver does.
    /// - Parameters:
    ///   - body: the snappy-compressed request.
    ///   - limit: the largest decompressed size accepted.
    /// - Returns: the series with their labels, samples and metadata.
    /// - Throws: ``WireError`` for bad snappy, bad protobuf or a reference outside the symbols table.
    public static func decodeV2(
        _ body: [UInt8], limit: Int = Snappy.defaultDecompressedLimit
    ) throws(WireError) -> [RemoteWriteSeries] {
        let bytes = try Snappy.decompress(body, limit: limit)
        let request: Io_Prometheus_Write_V2_Request
        do {
            request = try Io_Prometheus_Write_V2_Request(serializedBytes: bytes)
        } catch {
            throw .invalidProtobuf("io.prometheus.write.v2.Request: \(error)")
        }
        let symbols = request.symbols
        func symbol(_ reference: UInt32) throws(WireError) -> String {
            guard Int(reference) < symbols.count else {
                throw .invalidProtobuf("symbol reference \(reference) outside a table of \(symbols.count)")
            }
            return symbols[Int(reference)]
        }
        var series: [RemoteWriteSeries] = []
        for message in request.timeseries {
            let references = message.labelsRefs
            guard references.count.isMultiple(of: 2) else { throw .invalidProtobuf("odd labels_refs count") }
            var labels: [Label] = []
            for index in stride(from: 0, to: references.count, by: 2) {
                labels.append(Label(try symbol(references[index]), try symbol(references[index + 1])))
            }
            let kind: MetricFamily.Kind =
                switch message.metadata.type {
                case .counter: .counter
                case .gauge: .gauge
                default: .untyped
                }
            series.append(
                RemoteWriteSeries(
                    labels: labels, samples: message.samples.map { Sample(timestamp: $0.timestamp, value: $0.value) },
                    metadata: RemoteWriteSeries.Metadata(
                        kind: kind, help: try symbol(message.metadata.helpRef),
                        unit: try symbol(message.metadata.unitRef))))
        }
        return series
    }

    private static func typeV1(_ kind: MetricFamily.Kind) -> Prometheus_MetricMetadata.MetricType {
        switch kind {
        case .counter: .counter
        case .gauge: .gauge
        case .untyped: .unknown
        }
    }

    private static func typeV2(_ kind: MetricFamily.Kind) -> Io_Prometheus_Write_V2_Metadata.MetricType {
        switch kind {
        case .counter: .counter
        case .gauge: .gauge
        case .untyped: .unspecified
        }
    }
}

/// Remote write 2.0's symbols table: every string once, `""` first.
private struct SymbolTable {
    private(set) var symbols = [""]
    private var indexes = ["": UInt32(0)]

    mutating func reference(_ text: String) -> UInt32 {
        if let index = indexes[text] { return index }
        let index = UInt32(symbols.count)
        symbols.append(text)
        indexes[text] = index
        return index
    }
}
