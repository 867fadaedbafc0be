import Foundation
import Hummingbird
import Logging
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

/// The whole service as `sibyl run` assembles it: objectives from the file and the API judged by real cycles
/// against a pre-filled Prometheus, their status over HTTP, and cycles on request.
@Suite(.enabled(if: TestBinaries.runnable(.prometheus, .promtool)))
struct SibylServiceTests {
    struct Status: Decodable {
        struct Series: Decodable {
            struct Window: Decodable {
                var window: String
                var violations: Int
                var violationSeconds: Double
                var worstValue: Double?
            }
            var labels: [String: String]
            var windows: [Window]
        }
        var evaluated: Bool
        var series: [Series]
    }

    struct Envelope<T: Decodable>: Decodable {
        var status: String
        var data: T
    }

    static func status(_ base: String, _ name: String) async throws -> Status {
        let response = try await TestHTTP.get("\(base)/api/v1/objectives/\(name)/status")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Envelope<Status>.self, from: response.body).data
    }

    /// Serves the whole service built from `yaml` (file `sibyl.yml`, admin token `tok`), every cycle at `time`, on a
    /// free port, and closes its archive after `body`.
    static func withService(
        _ yaml: String, at time: Int64, _ body: (SibylService, Int) async throws -> Void
    ) async throws {
        var logger = Logger(label: "sibyl-test")
        logger.logLevel = .warning
        let service = try SibylService(
            configuration: try SibylConfiguration(yaml: yaml, file: "sibyl.yml"), configurationFile: "sibyl.yml",
            adminToken: AdminToken("tok"), logger: logger, now: { time })
        try await SibylServerFixture.with(service, logger: logger) { port in try await body(service, port) }
        try service.archive.close()
    }

    /// Runs `body` against a Prometheus holding the fixture history at a fresh evaluation time, with a temporary
    /// archive file that is removed afterwards (each service started in `body` with that path shares it).
    /// - Parameter body: receives the evaluation time, the Prometheus and the archive file's path.
    static func withPrometheusAndArchive(
        _ body: (_ time: Int64, _ prometheus: PrometheusFixture, _ archive: String) async throws -> Void
    ) async throws {
        let time = ServiceFixture.evaluationTime()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await ServiceFixture.withPrometheus(at: time) { prometheus in
            try await body(time, prometheus, directory.file("sibyl.db").path)
        }
    }

    @Test("file and API objectives are judged; status over HTTP agrees with /metrics; evaluate runs a cycle now")
    func objectivesThroughTheService() async throws {
        try await Self.withPrometheusAndArchive { time, prometheus, archive in
            let yaml = """
                source: {url: '\(prometheus.remoteReadURL)'}
                evaluation: {interval: 1h}
                selectors: ['{job="fixture", shape="sine"}']
                forecast: {season_length: 5, model: holt_winters}
                archive: {path: '\(archive)'}
                objectives:
                  - name: gauge-range
                    selector: 'sibyl_e2e_gauge{shape="sine"}'
                    min: 0
                    max: 60
                """
            try await Self.withService(yaml, at: time) { _, port in
                let base = "http://127.0.0.1:\(port)"
                let auth = ["Authorization": "Bearer tok", "Content-Type": "application/json"]

                var text = try await SibylServerFixture.metrics(port: port) {
                    $0.contains("sibyl_slo_series{objective=\"gauge-range\"} 1")
                }
                let status = try await Self.status(base, "gauge-range")
                #expect(status.evaluated)
                let series = try #require(status.series.first)
                #expect(series.labels["shape"] == "sine")
                for window in series.windows {
                    let exposed = ExposedSample.find(
                        in: text, "sibyl_slo_violations", ["objective": "gauge-range", "window": window.window])
                    #expect(exposed.map(\.value) == [Double(window.violations)], "\(window.window)")
                    #expect(window.violationSeconds == Double(window.violations) * 5)
                    #expect((window.worstValue ?? 0) > 60)
                }
                #expect(series.windows.map(\.window) == ["1h", "3h", "12h"])
                #expect(series.windows.allSatisfy { $0.violations > 0 })

                // The file's objective is read-only through the API.
                let conflict = try await TestHTTP.send(
                    "\(base)/api/v1/objectives/gauge-range", method: "PUT", headers: auth,
                    body: Data(#"{"selector": "up", "max": 1}"#.utf8))
                #expect(conflict.status == 409)

                // A new objective over a series no selector reads yet: read, judged and exposed after one cycle.
                let put = try await TestHTTP.send(
                    "\(base)/api/v1/objectives/big-bytes", method: "PUT", headers: auth,
                    body: Data(#"{"selector": "sibyl_e2e_bytes", "max": 1e9, "windows": ["1h"]}"#.utf8))
                #expect(put.status / 100 == 2, "\(put.text)")
                let evaluate = try await TestHTTP.send(
                    "\(base)/api/v1/evaluate", method: "POST", headers: auth, body: nil)
                #expect(evaluate.status == 202)
                text = try await SibylServerFixture.metrics(port: port) {
                    $0.contains("sibyl_slo_series{objective=\"big-bytes\"} 1")
                }
                let big = ExposedSample.find(
                    in: text, "sibyl_slo_violations", ["objective": "big-bytes", "window": "1h"])
                let lastHour =
                    ServiceFixture.history(endingBefore: time).series.first { $0.name == "sibyl_e2e_bytes" }?
                    .samples.filter { $0.0 > time - 3_600_000 && $0.0 <= time }.count ?? 0
                #expect(big.map(\.value) == [Double(lastHour)], "every sample of the last hour is above 1e9")
                #expect(try await Self.status(base, "big-bytes").evaluated)

                // Deleted: its series leaves the store and its results leave /metrics after the next cycle.
                let delete = try await TestHTTP.send(
                    "\(base)/api/v1/objectives/big-bytes", method: "DELETE", headers: auth, body: nil)
                #expect(delete.status / 100 == 2)
                _ = try await TestHTTP.send("\(base)/api/v1/evaluate", method: "POST", headers: auth, body: nil)
                text = try await SibylServerFixture.metrics(port: port) {
                    $0.contains("sibyl_series_dropped_total{reason=\"unselected\"} 1")
                        && !$0.contains("objective=\"big-bytes\"")
                }
                // Each cycle went to the archive (its counters lag the exposition by one cycle).
                #expect((ExposedSample.find(in: text, "sibyl_archive_cycles_total").first?.value ?? 0) >= 1)
                // This test evaluates every cycle at the same T: the archive keeps the first and refuses the repeats.
                let errors = ExposedSample.find(in: text, "sibyl_archive_errors_total").filter { $0.value > 0 }
                #expect(errors.allSatisfy { $0.labels["reason"] == "constraint" }, "\(errors)")
            }
        }
    }
}
