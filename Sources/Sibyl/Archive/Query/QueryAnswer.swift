/// The rows of one page of a query of the archive, by endpoint; it encodes as the API's `data`.
///
/// - series: `[{"__name__":<the family, e.g. sibyl_window_max>,"instance":"a:9100","metric":"node_load1","window":"1h"},…]`, as
///   Prometheus' `/api/v1/series`;
/// - results: `{"resultType":"matrix","result":[{"metric":{…},"values":[[1795784400,"0.25"],…]},…]}`, as a
///   Prometheus range query;
/// - evaluations: `[{"duration_seconds":0.52,"status":"ok","time":1795784400},…]`.
package enum QueryAnswer: Sendable, Hashable, Encodable {
    /// Label sets, the name under `__name__`.
    case series([[String: String]])
    /// Series with their values.
    case results([ResultSeries])
    /// Cycles.
    case evaluations([ArchivedEvaluation])

    /// The number of rows: label sets, values or cycles.
    package var rowCount: Int {
        switch self {
        case .series(let list): list.count
        case .results(let list): list.reduce(0) { $0 + $1.values.count }
        case .evaluations(let list): list.count
        }
    }

    /// This page followed by the next: a series cut at the end of this page continues in the next.
    /// - Parameter next: the following page of the same query.
    /// - Returns: the rows of both.
    package func appending(_ next: QueryAnswer) -> QueryAnswer {
        switch (self, next) {
        case (.series(let first), .series(let second)): return .series(first + second)
        case (.evaluations(let first), .evaluations(let second)): return .evaluations(first + second)
        case (.results(var first), .results(var second)):
            if let last = first.last, let head = second.first, last.metric == head.metric {
                first[first.count - 1].values += head.values
                second.removeFirst()
            }
            return .results(first + second)
        default: return next
        }
    }

    private struct Matrix: Codable {
        var resultType = "matrix"
        var result: [ResultSeries]
    }

    /// Encodes the API's `data`.
    package func encode(to encoder: any Encoder) throws {
        switch self {
        case .series(let list): try list.encode(to: encoder)
        case .results(let list): try Matrix(result: list).encode(to: encoder)
        case .evaluations(let list): try list.encode(to: encoder)
        }
    }

    /// Decodes the API's `data` of an endpoint.
    /// - Parameters:
    ///   - endpoint: the call that answered.
    ///   - decoder: the decoder at `data`.
    /// - Throws: `DecodingError` when the shape is not the endpoint's.
    package init(_ endpoint: ResultQuery.Endpoint, from decoder: any Decoder) throws {
        switch endpoint {
        case .series: self = .series(try [[String: String]](from: decoder))
        case .results: self = .results(try Matrix(from: decoder).result)
        case .evaluations: self = .evaluations(try [ArchivedEvaluation](from: decoder))
        }
    }
}
