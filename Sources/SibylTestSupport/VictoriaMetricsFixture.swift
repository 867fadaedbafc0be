import Foundation

/// A real VictoriaMetrics single node (`/usr/bin/victoria-metrics`) on a free loopback port, with its data in a
/// temporary folder.
public struct VictoriaMetricsFixture: Sendable {
    /// One exported series: its labels and its samples.
    public struct ExportedSeries: Sendable {
        /// All labels, `__name__` included.
        public var labels: [String: String]
        /// `(timestamp in ms, value)` pairs, oldest first.
        public var points: [(Int64, Double)]
    }

    /// The port it listens on (127.0.0.1).
    public let port: Int
    /// The running server.
    public let process: ManagedProcess

    /// Its base URL.
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    /// Its Prometheus remote-write endpoint.
    public var remoteWriteURL: String { "\(baseURL)/api/v1/write" }

    /// Runs `body` with a fresh VictoriaMetrics, stopping it afterwards whatever happens.
    /// - Parameters:
    ///   - port: the port to listen on; `nil` picks a free one.
    ///   - body: the test.
    /// - Returns: what `body` returns.
    /// - Throws: ``FixtureError`` when it cannot be started, or what `body` throws.
    public static func with<T>(
        port: Int? = nil, _ body: (VictoriaMetricsFixture) async throws -> T
    ) async throws -> T {
        let server = try TestBinaries.require(.victoriaMetrics)
        let directory = try TemporaryDirectory(prefix: "sibyl-victoria-metrics")
        defer { directory.remove() }
        return try await ManagedProcess.withServer(
            name: "VictoriaMetrics", executable: server,
            arguments: { port in
                [
                    "-httpListenAddr=127.0.0.1:\(port)", "-storageDataPath=\(directory.file("data").path)",
                    "-retentionPeriod=100y", "-search.latencyOffset=0s", "-loggerLevel=WARN",
                ]
            },
            readyPath: "/health", logFile: directory.file("victoria-metrics.log"), timeout: 60, port: port
        ) { port, process in
            try await body(VictoriaMetricsFixture(port: port, process: process))
        }
    }

    /// Every raw sample of the series `selector` matches, after flushing what VictoriaMetrics buffers.
    /// - Parameter selector: a series selector such as `{__name__=~"sibyl_.*"}`.
    /// - Returns: the series.
    /// - Throws: ``FixtureError`` for an error answer or an unexpected shape.
    public func export(_ selector: String) async throws -> [ExportedSeries] {
        _ = try await TestHTTP.get("\(baseURL)/internal/force_flush")
        var components = URLComponents(string: "\(baseURL)/api/v1/export")
        components?.queryItems = [URLQueryItem(name: "match[]", value: selector)]
        // URLComponents leaves "+" as is, which a Go server reads as a space.
        let query = components?.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        components?.percentEncodedQuery = query
        guard let url = components?.url?.absoluteString else { throw FixtureError("bad selector \(selector)") }
        let response = try await TestHTTP.get(url)
        guard response.status == 200 else { throw FixtureError("export: \(response.status) \(response.text)") }
        return try response.text.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let labels = object["metric"] as? [String: String],
                let values = object["values"] as? [Any], let timestamps = object["timestamps"] as? [NSNumber]
            else { throw FixtureError("export: unexpected line \(line)") }
            // The values as written, parsed by Swift (correctly rounded), not by JSONSerialization.
            guard let open = line.range(of: "\"values\":["),
                let close = line[open.upperBound...].firstIndex(of: "]")
            else { throw FixtureError("export: no values in \(line)") }
            let numbers = try line[open.upperBound..<close].split(separator: ",").map { text -> Double in
                let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
                guard let number = Double(trimmed) else { throw FixtureError("export: value \(text)") }
                return number
            }
            guard numbers.count == values.count else { throw FixtureError("export: values of \(line)") }
            return ExportedSeries(labels: labels, points: Array(zip(timestamps.map(\.int64Value), numbers)))
        }
    }
}
