import Foundation
import Logging
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

/// The repository's `prometheus.yml` and `sibyl.yml` together count each series once: a Prometheus that scrapes
/// Sibyl and also reads its archive (`remote_read`) answers `count` and `sum` of every `sibyl_*` family as the same
/// scrape alone does, although, younger than its 4 h margin, it reads the archive for every query.
///
/// The files run as shipped but for their ports and paths (free ports, a temporary archive) and Sibyl's
/// `evaluation.interval`, raised to 1 h so that only the test starts cycles and the values hold still while both
/// Prometheus servers scrape them: a node exporter; the shipped Prometheus (scrapes the node exporter and Sibyl,
/// reads the archive); a reference Prometheus running the same file without its `remote_read`; and Sibyl itself,
/// built by ``SibylService`` from the shipped `sibyl.yml` as `sibyl run` builds it.
@Suite(.enabled(if: TestBinaries.runnable(.prometheus, .nodeExporter)))
struct ShippedConfigurationTests {
    /// The ports the shipped files name, and what replaces them.
    struct Ports {
        var nodeExporter: String
        var prometheus: Int
        var sibyl: Int
    }

    /// `text` with each `(old, new)` replaced; every `old` must occur.
    static func substituted(_ text: String, _ replacements: [(String, String)]) throws -> String {
        var text = text
        for (old, new) in replacements {
            try #require(text.contains(old), "the shipped file no longer holds \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text
    }

    /// The shipped `prometheus.yml` on the test's ports, its rule files found in the repository.
    static func prometheusYML(_ ports: Ports) throws -> String {
        let shipped = try String(
            contentsOf: Fixtures.repository.appendingPathComponent("prometheus.yml"), encoding: .utf8)
        return try substituted(
            shipped,
            [
                ("127.0.0.1:9100", ports.nodeExporter), ("127.0.0.1:9798", "127.0.0.1:\(ports.sibyl)"),
                ("deploy/rules/", Fixtures.repository.appendingPathComponent("deploy/rules").path + "/"),
            ])
    }

    /// `prometheus.yml` without its top-level `remote_read` section.
    static func withoutRemoteRead(_ yaml: String) -> String {
        var kept: [Substring] = []
        var inRemoteRead = false
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first != " ", first != "#", first != "-" {
                inRemoteRead = line.hasPrefix("remote_read:")
            }
            if !inRemoteRead { kept.append(line) }
        }
        return kept.joined(separator: "\n")
    }

    /// The shipped `sibyl.yml` reading the test's Prometheus, archiving to `archive`, labelling its archive's
    /// answers with the test's port, one cycle an hour.
    static func sibylYML(_ ports: Ports, archive: String) throws -> String {
        let shipped = try String(contentsOf: Fixtures.repository.appendingPathComponent("sibyl.yml"), encoding: .utf8)
        return try substituted(
            shipped,
            [
                ("http://127.0.0.1:9090/api/v1/read", "http://127.0.0.1:\(ports.prometheus)/api/v1/read"),
                ("127.0.0.1:9798", "127.0.0.1:\(ports.sibyl)"),
                ("listen_address: \":9798\"", "listen_address: \"127.0.0.1:\(ports.sibyl)\""),
                ("\n  path: sibyl.db\n", "\n  path: '\(archive)'\n"),
                ("\n  interval: 60s\n", "\n  interval: 1h\n"),
            ])
    }

    /// The value of the `/metrics` line that starts with `series ` (name and labels as written), if any.
    static func value(of series: String, in metrics: String) -> Double? {
        metrics.split(separator: "\n").first { $0.hasPrefix(series + " ") }
            .flatMap { Double($0.dropFirst(series.count + 1)) }
    }

    /// `by (__name__)` aggregation of every `sibyl_*` family at `time`, by family name.
    static func perFamily(
        _ aggregation: String, _ prometheus: PrometheusFixture, at time: Int64
    ) async throws
        -> [String: Double]
    {
        let answer = try await prometheus.query("\(aggregation) by (__name__) ({__name__=~\"sibyl_.+\"})", at: time)
        return Dictionary(
            answer.compactMap { series in
                series.labels["__name__"].flatMap { name in series.points.first.map { (name, $0.1) } }
            }, uniquingKeysWith: { first, _ in first })
    }

    /// The time of the newest scrape of Sibyl by `prometheus`, in milliseconds, if any.
    static func lastScrape(_ prometheus: PrometheusFixture) async throws -> Int64? {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let answer = try await prometheus.query("timestamp(up{job=\"sibyl\"})", at: now)
        return answer.first?.points.first.map { Int64($0.1 * 1000) }
    }

    /// Waits (polling every 200 ms, at most `attempts` times) until `condition` holds.
    static func waitUntil(
        _ what: String, attempts: Int = 600, _ condition: () async throws -> Bool
    ) async throws {
        for _ in 0..<attempts {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw FixtureError("\(what): not reached after \(attempts) checks")
    }

    @Test("scraping Sibyl and reading its archive, Prometheus counts and sums each sibyl_* series once")
    func eachSeriesOnce() async throws {
        try await NodeExporterFixture.with { node in
            let ports = Ports(nodeExporter: node.address, prometheus: try FreePort.next(), sibyl: try FreePort.next())
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let shippedYML = try Self.prometheusYML(ports)
            let referenceYML = Self.withoutRemoteRead(shippedYML)
            #expect(shippedYML.contains("remote_read:") && !referenceYML.contains("remote_read:"))
            let configuration = try SibylConfiguration(
                yaml: try Self.sibylYML(ports, archive: directory.file("sibyl.db").path), file: "sibyl.yml")
            #expect(
                configuration.archive.remoteReadLabels.labels == [
                    Label("instance", "127.0.0.1:\(ports.sibyl)"), Label("job", "sibyl"),
                ])
            try await PrometheusFixture.with(configurationText: shippedYML, port: ports.prometheus) { shipped in
                try await PrometheusFixture.with(configurationText: referenceYML) { reference in
                    // Two scrapes of the node exporter, so that the first cycle has every series and the rates.
                    try await Self.waitUntil("two node exporter scrapes") {
                        let now = Int64(Date().timeIntervalSince1970 * 1000)
                        let answer = try await shipped.query("count_over_time(up{job=\"node\"}[1m])", at: now)
                        return (answer.first?.points.first?.1 ?? 0) >= 2
                    }
                    try await Self.check(configuration, ports: ports, shipped: shipped, reference: reference)
                }
            }
        }
    }

    /// Runs Sibyl until its archive holds the objective-level series and its results hold still, then compares the
    /// shipped Prometheus with the reference once both have scraped that state.
    static func check(
        _ configuration: SibylConfiguration, ports: Ports, shipped: PrometheusFixture, reference: PrometheusFixture
    ) async throws {
        var logger = Logger(label: "sibyl-test")
        logger.logLevel = .warning
        let service = try SibylService(
            configuration: configuration, configurationFile: "sibyl.yml", adminToken: nil, logger: logger)
        defer { try? service.archive.close() }
        let store = service.archive.results
        try await ServedApplication.serve(
            { onServerRunning in
                service.application(
                    server: ServerConfiguration(host: "127.0.0.1", port: ports.sibyl), logger: logger,
                    onServerRunning: onServerRunning)
            }
        ) { port in
            let metricsURL = "http://127.0.0.1:\(port)/metrics"
            // The objectives are judged after a cycle, so their series reach the archive with a later cycle.
            let objectiveSeries = [LabelMatcher("__name__", .equal, "sibyl_slo_series")]
            for _ in 0..<5 {
                // Live cycles only: the shipped backfill.range writes past cycles beside them.
                let cycles = try store.liveEvaluationTimes().count
                if cycles > 0, try await !store.series(matching: objectiveSeries).isEmpty { break }
                if cycles > 0 { service.trigger.fire() }
                try await Self.waitUntil("a new archived cycle") { try store.liveEvaluationTimes().count > cycles }
            }
            #expect(try await !store.series(matching: objectiveSeries).isEmpty, "sibyl_slo_series archived")
            // Still: the last cycle's results published and judged, the first metadata and forecast runs done.
            try await Self.waitUntil("the last cycle's objectives judged") {
                let metrics = try await TestHTTP.get(metricsURL).text
                let last = Self.value(of: "sibyl_last_evaluation_timestamp_seconds", in: metrics)
                return last != nil
                    && Self.value(of: "sibyl_analysis_last_timestamp_seconds{analysis=\"objectives\"}", in: metrics)
                        == last
                    && Self.value(of: "sibyl_analysis_runs_total{analysis=\"metadata\"}", in: metrics) ?? 0 >= 1
                    && Self.value(of: "sibyl_analysis_runs_total{analysis=\"forecast\"}", in: metrics) ?? 0 >= 1
            }
            let still = Int64(Date().timeIntervalSince1970 * 1000)
            for prometheus in [shipped, reference] {
                try await Self.waitUntil("a scrape of Sibyl after its results held still") {
                    try await (Self.lastScrape(prometheus) ?? 0) > still
                }
            }
            let archived = Set(
                try await store.series(matching: [LabelMatcher("__name__", .regexMatch, "sibyl_.+")]).compactMap {
                    $0.labels.first { $0.name == "__name__" }?.value
                })
            let time = Int64(Date().timeIntervalSince1970 * 1000)
            let counts = try await Self.perFamily("count", shipped, at: time)
            let expectedCounts = try await Self.perFamily("count", reference, at: time)
            #expect(expectedCounts["sibyl_slo_series"] != nil && expectedCounts["sibyl_window_avg"] != nil)
            for (family, count) in expectedCounts.sorted(by: { $0.key < $1.key }) {
                #expect(counts[family] == count, "count(\(family))")
            }
            #expect(Set(counts.keys) == Set(expectedCounts.keys))
            // The archived families hold still between cycles; Sibyl's own health (HTTP, process) does not.
            let sums = try await Self.perFamily("sum", shipped, at: time)
            let expectedSums = try await Self.perFamily("sum", reference, at: time)
            for family in archived.sorted() {
                guard let want = expectedSums[family] else { continue }
                let got = try #require(sums[family], "sum(\(family))")
                #expect(
                    got == want || (got.isNaN && want.isNaN) || abs(got - want) <= 1e-9 * max(abs(got), abs(want)),
                    "sum(\(family)): \(got) != \(want)")
            }
            #expect(archived.contains("sibyl_slo_series"))
            // The shipped Prometheus did read the archive (its own /metrics: the shipped file does not scrape it).
            let own = try await TestHTTP.get("\(shipped.baseURL)/metrics").text
            let reads = own.split(separator: "\n").first {
                $0.hasPrefix(
                    "prometheus_remote_storage_read_request_duration_seconds_count{remote_name=\"sibyl-archive\"")
            }
            #expect((reads?.split(separator: " ").last.flatMap { Double($0) } ?? 0) > 0, "remote reads of the archive")
        }
    }
}
