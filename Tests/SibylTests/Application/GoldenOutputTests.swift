import Foundation
import GRDB
import Hummingbird
import Logging
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

/// Every derived value Sibyl shows on `/metrics`, writes to the archive and answers on the JSON API, for a fixed
/// history at fixed evaluation times, compared bit for bit with files recorded before a refactoring.
///
/// The history comes from an in-process remote-read endpoint (Sibyl's own STREAMED encoder, itself checked
/// against bytes Prometheus wrote), so that the times and values are the same on every run. Two cycles run: the
/// first starts every analysis, the second is archived with their results. `SIBYL_UPDATE_GOLDEN=1` rewrites the
/// files (only for an intended change of output, reviewed in the diff).
@Suite struct GoldenOutputTests {
    static let step: Int64 = 5000
    /// 2026-01-01T00:00:00.5Z: the first cycle's T.
    static let first: Int64 = 1_767_225_600_500
    static let second = first + 60_000
    static let folder = Fixtures.repository.appendingPathComponent("Tests/Fixtures/golden", isDirectory: true)

    /// 12 h of 5 s samples before the second cycle, in several shapes.
    static func history() -> [TimeSeries] {
        let count = 12 * 720 + 12
        let last = (second / step) * step
        let firstSample = last - Int64(count - 1) * step
        func series(_ name: String, _ labels: [(String, String)], _ value: (Int) -> Double?) -> TimeSeries {
            var samples: [Sample] = []
            for index in 0..<count {
                guard let v = value(index) else { continue }
                samples.append(Sample(timestamp: firstSample + Int64(index) * step, value: v))
            }
            return TimeSeries(
                labels: ([("__name__", name), ("job", "golden")] + labels).map { Label($0.0, $0.1) }
                    .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) },
                samples: samples)
        }
        var counter = 1_234_567_890.0
        return [
            series("golden_gauge", [("shape", "sine")]) {
                50 + 20 * sin(Double($0) * 2 * .pi / 720) + Double(($0 * 7919) % 23) / 10
            },
            series("golden_gauge", [("shape", "seasonal")]) {
                Double($0 % 5) * 3 + Double($0) / 1000 + Double(($0 * 31) % 17) / 50
            },
            series("golden_gauge", [("shape", "gaps")]) { index in
                (index / 240) % 4 == 1 ? nil : Double((index * 31) % 101)
            },
            series("golden_gauge", [("shape", "constant")]) { _ in 7 },
            series("golden_packets_total", []) { index in
                if index == count - 300 { counter = 17 }
                counter += Double((index * 7919) % 23)
                return counter
            },
            series("golden_bytes", [("device", "sda")]) { 2.1e12 + Double(($0 * 4099) % 997) * 4096 },
        ]
    }

    static let yaml = """
        source: {url: 'SOURCE', timeout: 120s}
        evaluation: {interval: 1h, step: 5s, windows: [1h, 3h, 12h], metadata_interval: 5m}
        selectors: ['{job="golden"}']
        forecast: {selectors: ['golden_gauge{shape=~"sine|seasonal"}'], horizon: 10m, interval: 5m, season_length: 5, model: holt_winters}
        archive: {path: 'ARCHIVE'}
        objectives:
          - name: sine_range
            selector: 'golden_gauge{shape="sine"}'
            min: 35
            max: 68
          - name: packets_rate
            selector: 'golden_packets_total'
            transform: rate
            max: 20
        """

    /// Serves `history` over remote read (STREAMED_XOR_CHUNKS), each query cut to its range and matchers.
    static func withSource<T>(_ history: [TimeSeries], _ body: (String) async throws -> T) async throws -> T {
        let router = Router()
        router.post("/api/v1/read") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            let read = try RemoteReadRequest(decoding: [UInt8](buffer: bytes))
            var out: [UInt8] = []
            for (index, query) in read.queries.enumerated() {
                let selector = SeriesSelector(query.matchers).compiled()
                let series = history.filter { selector.matches($0.labels) }.map { one in
                    TimeSeries(labels: one.labels, samples: one.samples.filter { query.range.contains($0.timestamp) })
                }.filter { !$0.samples.isEmpty }
                out += StreamedResponseEncoder.encode(series, queryIndex: index)
            }
            return Response(
                status: .ok, headers: [.contentType: RemoteReadResponseType.streamedContentType],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: out)))
        }
        return try await ServedApplication.serve(
            { onServerRunning in
                Application(
                    router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                    onServerRunning: { await onServerRunning($0.localAddress?.port ?? 0) })
            }, { port in try await body("http://127.0.0.1:\(port)/api/v1/read") })
    }

    @Test("/metrics, the archive and the JSON API give the recorded values bit for bit")
    func outputsEqualTheRecording() async throws {
        let directory = try TemporaryDirectory()
        let archivePath = directory.url.appendingPathComponent("golden.db").path
        var logger = Logger(label: "sibyl-golden")
        logger.logLevel = .warning
        let clock = Clock()
        let outputs = try await Self.withSource(Self.history()) { source in
            let text = Self.yaml.replacingOccurrences(of: "SOURCE", with: source)
                .replacingOccurrences(of: "ARCHIVE", with: archivePath)
            let configuration = try SibylConfiguration(yaml: text, file: "golden.yml")
            let service = try SibylService(
                configuration: configuration, configurationFile: "golden.yml", adminToken: nil, logger: logger,
                now: { clock.time })
            let outputs = try await SibylServerFixture.with(service, logger: logger) { port in
                _ = try await SibylServerFixture.metrics(port: port) { text in
                    ["metadata", "forecast", "objectives"].allSatisfy {
                        text.contains("sibyl_analysis_runs_total{analysis=\"\($0)\"} 1")
                    }
                }
                clock.time = Self.second
                service.trigger.fire()
                let metrics = try await SibylServerFixture.metrics(port: port) { text in
                    ["metadata", "forecast", "objectives"].allSatisfy {
                        text.contains("sibyl_analysis_runs_total{analysis=\"\($0)\"} 2")
                    } && text.contains("sibyl_archive_cycles_total 2")
                }
                let api = try await TestHTTP.get(
                    "http://127.0.0.1:\(port)/api/v1/results?match%5B%5D=%7B__name__%3D~%22sibyl_.%2B%22%7D"
                        + "&from=\(Self.first / 1000 - 1)&to=\(Self.second / 1000 + 1)"
                ).text
                return (Self.derivedLines(metrics), api)
            }
            // Closed before it is read: the archive writer's connections hold locks a second connection can meet.
            try service.closeArchive()
            return outputs
        }
        let archive = try Self.dump(archivePath)
        try Self.compare(outputs.0, "metrics.txt")
        try Self.compare(archive, "archive.txt")
        try Self.compare(outputs.1, "api-results.json")
    }

    /// The lines of the derived families (self-monitoring holds durations and sizes that vary from run to run).
    static func derivedLines(_ text: String) -> String {
        let derived = [
            "sibyl_window_", "sibyl_adf_", "sibyl_stationary", "sibyl_acf", "sibyl_seasonal_", "sibyl_forecast_",
            "sibyl_slo_",
        ]
        return text.split(separator: "\n").filter { line in
            let name =
                line.hasPrefix("# ")
                ? line.split(separator: " ").dropFirst(2).first.map(String.init) ?? "" : String(line)
            return derived.contains { name.hasPrefix($0) }
        }.joined(separator: "\n") + "\n"
    }

    /// Every archived value with its series, time and bits, and the archived families, in a stable order.
    static func dump(_ path: String) throws -> String {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            var lines: [String] = []
            for row in try Row.fetchAll(
                db,
                sql: "SELECT time_ms, duration_seconds IS NOT NULL AS timed, status FROM evaluations ORDER BY time_ms")
            {
                lines.append("evaluation \(row["time_ms"] as Int64) \(row["timed"] as Bool) \(row["status"] as String)")
            }
            for row in try Row.fetchAll(db, sql: "SELECT name, kind, help FROM metric_families ORDER BY name") {
                lines.append("family \(row["name"] as String) \(row["kind"] as String) \(row["help"] as String)")
            }
            let values = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.time_ms, s.metric, s.labels, v.value, typeof(v.value) AS type
                    FROM samples v JOIN evaluations e ON e.id = v.evaluation_id JOIN series s ON s.id = v.series_id
                    ORDER BY e.time_ms, s.metric, s.labels
                    """)
            for row in values {
                let value: String
                switch row["type"] as String {
                case "real": value = String((row["value"] as Double).bitPattern, radix: 16)
                default: value = "int:\(row["value"] as Int64)"
                }
                lines.append("\(row["time_ms"] as Int64) \(row["metric"] as String)\(row["labels"] as String) \(value)")
            }
            for view in [
                "window_statistics", "stationarity", "autocorrelation", "seasonality", "forecasts", "objectives",
                "objective_status",
            ] {
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(view)") ?? -1
                let columns = try Row.fetchOne(db, sql: "SELECT * FROM \(view) ORDER BY series_id, time_ms LIMIT 1")
                lines.append("view \(view) \(count) \(columns.map { "\($0)" } ?? "")")
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    static func compare(_ text: String, _ name: String) throws {
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["SIBYL_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let recorded = try String(contentsOf: url, encoding: .utf8)
        let got = text.split(separator: "\n", omittingEmptySubsequences: false)
        let want = recorded.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(got.count == want.count, "\(name): \(got.count) lines, recorded \(want.count)")
        if let index = zip(got, want).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            Issue.record("\(name):\(index + 1): got\n\(got[index])\nrecorded\n\(want[index])")
        }
    }

    /// The evaluation time each cycle reads.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var value = GoldenOutputTests.first
        var time: Int64 {
            get { lock.withLock { value } }
            set { lock.withLock { value = newValue } }
        }
    }
}
