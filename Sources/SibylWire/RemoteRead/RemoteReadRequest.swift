import SwiftProtobuf

/// A remote-read request: queries and the response types the client accepts, in preference order.
///
/// Encodes to the snappy-compressed `prometheus.ReadRequest` that `POST /api/v1/read` takes.
/// No read hints are sent: Prometheus 2.42 trims to the hints' range instead of the query's
/// (protocols.md §1.2), so a hint could only ever repeat the query range.
public struct RemoteReadRequest: Sendable, Hashable {
    /// The queries, answered in order.
    public var queries: [RemoteReadQuery]
    /// Accepted response types, preferred first; empty means SAMPLES.
    public var acceptedResponseTypes: [RemoteReadResponseType]
    /// The numbers of the accepted response types the request listed that this version does not know.
    public var unknownResponseTypes: [Int] = []

    /// Creates a request.
    /// - Parameters:
    ///   - acceptedResponseTypes: accepted response types, preferred first.
    public init(queries: [RemoteReadQuery], acceptedResponseTypes: [RemoteReadResponseType]) {
        self.queries = queries
        self.acceptedResponseTypes = acceptedResponseTypes
    }

    /// The serialized `ReadRequest`, not compressed.
    public func serialized() -> [UInt8] {
        var request = Prometheus_ReadRequest()
        request.queries = queries.map { query in
            var message = Prometheus_Query()
            message.startTimestampMs = query.start
            message.endTimestampMs = query.end
            message.matchers = query.matchers.map { matcher in
                var proto = Prometheus_LabelMatcher()
                proto.type = matcher.kind.protobuf
                proto.name = matcher.name
                proto.value = matcher.value
                return proto
            }
            return message
        }
        request.acceptedResponseTypes = acceptedResponseTypes.map(\.protobuf)
        // Serialising a message built from valid Swift strings cannot fail.
        return (try? request.serializedBytes()) ?? []
    }

    /// The HTTP body: the snappy block of ``serialized()``.
    public func encoded() -> [UInt8] {
        Snappy.compress(serialized())
    }

    /// Decodes a request body (a snappy block of a `ReadRequest`), as a remote-read server does.
    /// - Parameters:
    ///   - body: the request body.
    ///   - limit: the largest decompressed size accepted (Prometheus: 32 MiB).
    /// - Throws: `WireError` for bad snappy, bad protobuf, or an unknown matcher type.
    public init(decoding body: [UInt8], limit: Int = Snappy.defaultDecompressedLimit) throws(WireError) {
        let bytes = try Snappy.decompress(body, limit: limit)
        let request: Prometheus_ReadRequest
        do {
            request = try Prometheus_ReadRequest(serializedBytes: bytes)
        } catch {
            throw .invalidProtobuf("ReadRequest: \(error)")
        }
        var queries: [RemoteReadQuery] = []
        for (index, query) in request.queries.enumerated() {
            var matchers: [LabelMatcher] = []
            for matcher in query.matchers {
                guard let kind = LabelMatcher.Kind(protobuf: matcher.type) else {
                    throw .invalidProtobuf("query \(index): invalid matcher type \(matcher.type.rawValue)")
                }
                matchers.append(LabelMatcher(matcher.name, kind, matcher.value))
            }
            queries.append(
                RemoteReadQuery(start: query.startTimestampMs, end: query.endTimestampMs, matchers: matchers))
        }
        self.queries = queries
        // Unknown response types are set aside; the server picks the first known one.
        self.acceptedResponseTypes = request.acceptedResponseTypes.compactMap(RemoteReadResponseType.init(protobuf:))
        self.unknownResponseTypes = request.acceptedResponseTypes.filter { RemoteReadResponseType(protobuf: $0) == nil }
            .map(\.rawValue)
    }
}

extension LabelMatcher.Kind {
    var protobuf: Prometheus_LabelMatcher.TypeEnum {
        switch self {
        case .equal: .eq
        case .notEqual: .neq
        case .regexMatch: .re
        case .regexNoMatch: .nre
        }
    }

    init?(protobuf: Prometheus_LabelMatcher.TypeEnum) {
        switch protobuf {
        case .eq: self = .equal
        case .neq: self = .notEqual
        case .re: self = .regexMatch
        case .nre: self = .regexNoMatch
        case .UNRECOGNIZED: return nil
        }
    }
}

extension RemoteReadResponseType {
    var protobuf: Prometheus_ReadRequest.ResponseType {
        switch self {
        case .samples: .samples
        case .streamedXORChunks: .streamedXorChunks
        }
    }

    init?(protobuf: Prometheus_ReadRequest.ResponseType) {
        switch protobuf {
        case .samples: self = .samples
        case .streamedXorChunks: self = .streamedXORChunks
        case .UNRECOGNIZED: return nil
        }
    }
}
