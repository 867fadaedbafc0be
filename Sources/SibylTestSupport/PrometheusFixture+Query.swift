public import Foundation

extension PrometheusFixture {
    /// One series of a JSON API answer: its labels and its `(seconds, value)` points.
    public struct QueriedSeries: Sendable {
        /// All labels, `__name__` included.
        public var labels: [String: String]
        /// `(timestamp in ms, value)` pairs; a vector result has one.
        public var points: [(Int64, Double)]
    }

    /// Runs an instant query through `GET /api/v1/query` and returns the vector or matrix result.
    /// - Parameters:
    ///   - query: the PromQL expression.
    ///   - time: the evaluation time in Unix milliseconds.
    /// - Returns: the series of the result.
    /// - Throws: ``FixtureError`` for an error answer or an unexpected shape.
    public func query(_ query: String, at time: Int64) async throws -> [QueriedSeries] {
        try await result(
            "/api/v1/query", query, [URLQueryItem(name: "time", value: OpenMetricsHistory.seconds(time))])
    }

    /// Runs a range query through `GET /api/v1/query_range` and returns the matrix result.
    /// - Parameters:
    ///   - query: the PromQL expression.
    ///   - start: the first evaluation time in Unix milliseconds.
    ///   - end: the last evaluation time in Unix milliseconds.
    ///   - step: the resolution in milliseconds.
    /// - Returns: the series of the result.
    /// - Throws: ``FixtureError`` for an error answer or an unexpected shape.
    public func queryRange(_ query: String, start: Int64, end: Int64, step: Int64) async throws -> [QueriedSeries] {
        try await result(
            "/api/v1/query_range", query,
            [
                URLQueryItem(name: "start", value: OpenMetricsHistory.seconds(start)),
                URLQueryItem(name: "end", value: OpenMetricsHistory.seconds(end)),
                URLQueryItem(name: "step", value: OpenMetricsHistory.seconds(step)),
            ])
    }

    /// The values of `label` through `GET /api/v1/label/<label>/values`, on the series `match` selects if given.
    /// - Parameters:
    ///   - label: the label name.
    ///   - match: a series selector, or `nil` for every series.
    ///   - start: the start of the time range in Unix milliseconds.
    ///   - end: the end of the time range in Unix milliseconds.
    /// - Returns: the values, as Prometheus sorts them.
    /// - Throws: ``FixtureError`` for an error answer.
    public func labelValues(_ label: String, match: String?, start: Int64, end: Int64) async throws -> [String] {
        var components = URLComponents(string: "\(baseURL)/api/v1/label/\(label)/values")
        components?.queryItems =
            (match.map { [URLQueryItem(name: "match[]", value: $0)] } ?? []) + [
                URLQueryItem(name: "start", value: OpenMetricsHistory.seconds(start)),
                URLQueryItem(name: "end", value: OpenMetricsHistory.seconds(end)),
            ]
        guard let url = components?.url?.absoluteString else { throw FixtureError("cannot build label values URL") }
        let response = try await TestHTTP.get(url)
        guard response.status == 200,
            let root = try JSONSerialization.jsonObject(with: response.body) as? [String: Any],
            let values = root["data"] as? [String]
        else {
            throw FixtureError("label values of \(label) failed: HTTP \(response.status) \(response.text)")
        }
        return values
    }

    /// Runs `query` on the API `path` of the Prometheus at `baseURL` with the extra parameters, and returns the
    /// `data.result` member of its answer as JSON objects (native-histogram values included).
    public static func jsonResult(
        baseURL: String, _ path: String, _ query: String, _ parameters: [URLQueryItem]
    ) async throws -> [[String: Any]] {
        var components = URLComponents(string: "\(baseURL)\(path)")
        components?.queryItems = [URLQueryItem(name: "query", value: query)] + parameters
        // URLComponents leaves "+" alone in query values, and the server reads it as a space.
        let encoded = components?.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        components?.percentEncodedQuery = encoded
        guard let url = components?.url?.absoluteString else { throw FixtureError("cannot build query URL") }
        let response = try await TestHTTP.get(url)
        guard response.status == 200,
            let root = try JSONSerialization.jsonObject(with: response.body) as? [String: Any],
            let data = root["data"] as? [String: Any],
            let result = data["result"] as? [[String: Any]]
        else {
            throw FixtureError("query \(query) failed: HTTP \(response.status) \(response.text)")
        }
        return result
    }

    /// Runs `query` on the API `path` with the extra parameters, and returns its vector or matrix result.
    private func result(_ path: String, _ query: String, _ parameters: [URLQueryItem]) async throws -> [QueriedSeries] {
        let result = try await Self.jsonResult(baseURL: baseURL, path, query, parameters)
        return try result.map { entry in
            let labels = entry["metric"] as? [String: String] ?? [:]
            var raw: [[Any]] = []
            if let values = entry["values"] as? [[Any]] {
                raw = values
            } else if let value = entry["value"] as? [Any] {
                raw = [value]
            }
            let points = try raw.map { pair -> (Int64, Double) in
                guard pair.count == 2, let seconds = (pair[0] as? NSNumber)?.doubleValue,
                    let text = pair[1] as? String, let value = Self.parseValue(text)
                else { throw FixtureError("unexpected point \(pair) in \(query)") }
                return (Int64((seconds * 1000).rounded()), value)
            }
            return QueriedSeries(labels: labels, points: points)
        }
    }

    /// Parses a JSON API value string (`"1.5"`, `"NaN"`, `"+Inf"`, `"-Inf"`).
    static func parseValue(_ text: String) -> Double? {
        switch text {
        case "NaN": .nan
        case "+Inf": .infinity
        case "-Inf": -.infinity
        default: Double(text)
        }
    }
}
