import Foundation

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
        var components = URLComponents(string: "\(baseURL)/api/v1/query")
        components?.queryItems = [
            URLQueryItem(name: "query", value: query),
            URLQueryItem(name: "time", value: OpenMetricsHistory.seconds(time)),
        ]
        guard let url = components?.url?.absoluteString else { throw FixtureError("cannot build query URL") }
        let response = try await TestHTTP.get(url)
        guard response.status == 200,
            let root = try JSONSerialization.jsonObject(with: response.body) as? [String: Any],
            let data = root["data"] as? [String: Any],
            let result = data["result"] as? [[String: Any]]
        else {
            throw FixtureError("query \(query) failed: HTTP \(response.status) \(response.text)")
        }
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
