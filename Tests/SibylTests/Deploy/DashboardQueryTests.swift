import Foundation
import Hummingbird
import Logging
import SibylAnalysis
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

/// Every query of every dashboard, its template variables resolved through the Prometheus API as Grafana resolves
/// them, returns data from a real Prometheus that holds node-exporter-like history and scrapes a running Sibyl
/// (the real ``SibylService``) judging three objectives over it, one of them with an error budget whose history the
/// archive holds (``budgetHistory(before:)``). Sibyl runs two cycles, ``scoredAfter`` apart, so that the second
/// scores the forecasts of the first (``scoreForecasts(_:clock:at:)``).
@Suite(.enabled(if: TestBinaries.runnable(.prometheus, .promtool)))
struct DashboardQueryTests {
    static let step: Int64 = 5000
    /// The time between Sibyl's two cycles: past the first forecasts' 5-minute horizon, within their 10-minute path.
    static let scoredAfter: Int64 = 7 * 60_000
    static let node = [("instance", "node:9100"), ("job", "node")]

    /// Two hours of 5 s samples ending just before `time`: a load with a 10-minute cycle that goes over 1.5, an
    /// all-zero gauge (its analyses are skipped), and a filesystem filling up, with some noise, that crosses 1 GB
    /// about 5 minutes after the last sample.
    static func history(endingBefore time: Int64) -> OpenMetricsHistory {
        let count = Int(2 * 3_600_000 / step)
        let last = (time / step) * step - step
        func series(_ name: String, _ labels: [(String, String)], _ value: (Int) -> Double) -> OpenMetricsHistory.Series
        {
            OpenMetricsHistory.Series(
                name: name, labels: labels,
                samples: (0..<count).map { (last - Int64(count - 1 - $0) * step, value($0)) })
        }
        let filesystem = [("device", "/dev/sda1"), ("fstype", "ext4"), ("mountpoint", "/")] + node
        return OpenMetricsHistory(series: [
            series("node_load1", node) { 1 + 0.8 * sin(Double($0) * 2 * .pi / 120) + Double(($0 * 7919) % 13) / 100 },
            series("node_memory_HugePages_Total", node) { _ in 0 },
            series("node_filesystem_avail_bytes", filesystem) { index in
                1e9 + 20_000 * Double(Int64(count - 1 - index) * step + 300_000) / 1000 + Double((index * 7919) % 17)
                    * 1000
            },
        ])
    }

    static func configuration(source: String, archive: String) throws -> SibylConfiguration {
        try SibylConfiguration(
            yaml: """
                source: {url: '\(source)'}
                evaluation: {interval: 1h, windows: [15m, 1h]}
                selectors:
                  - 'node_load1{job="node"}'
                  - 'node_memory_HugePages_Total{job="node"}'
                  - '\(HistogramPrometheusTests.name)'

                analysis: {seasonality: {period: 10, stride: 12}}
                forecast: {selectors: ['node_load1{job="node"}'], horizons: [5m, 10m]}
                archive: {path: '\(archive)'}
                objectives:
                  - name: load
                    selector: 'node_load1{job="node"}'
                    max: 1.5
                  - name: filesystem_space
                    selector: 'node_filesystem_avail_bytes{job="node"}'
                    min: 1_000_000_000
                  - name: load_budget
                    selector: 'node_load1{job="node"}'
                    max: 1.5
                    target: 0.9
                """, file: "sibyl.yml")
    }

    /// Six hourly judgements of `load_budget` before the live one, their burn rate rising from 0 to 0.5 (the live
    /// hour burns about 2.85: the load is over 1.5 some 28 % of the time), so that the budget is partly spent and
    /// both exhaustion ETAs exist when Sibyl starts from them.
    static func budgetHistory(before time: Int64) -> [ErrorBudgetLedger.Row] {
        let labels = [Label("__name__", "node_load1")] + node.map { Label($0.0, $0.1) }
        return (0..<6).map { index in
            let bad = 36 * Double(index)
            return ErrorBudgetLedger.Row(
                objective: "load_budget", labels: labels, time: time - Int64(7 - index) * 3_600_000,
                events: SLIEvents(good: 3600 - bad, total: 3600))
        }
    }

    @Test("every dashboard query returns data, with its variables resolved through Prometheus")
    func everyQueryReturnsData() async throws {
        let start = ServiceFixture.evaluationTime()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sibylPort = try FreePort.next()
        try await HistogramPrometheusTests.withTarget { histogramPort in
            let targets = [
                PrometheusFixture.ScrapeTarget(job: "sibyl", address: "127.0.0.1:\(sibylPort)", honorLabels: true),
                PrometheusFixture.ScrapeTarget(job: "native", address: "127.0.0.1:\(histogramPort)"),
            ]
            try await ServiceFixture.withPrometheus(
                holding: Self.history(endingBefore: start), at: start, scrapeTargets: targets, scrapeInterval: "1s",
                flags: ["--enable-feature=native-histograms"]
            ) { prometheus in
                // The native histogram (the Native histograms row) is scraped from Prometheus' start: Sibyl
                // evaluates half a second after its third sample.
                let api = PromQLHistograms(baseURL: prometheus.baseURL)
                let time = try await api.waitForSamples(HistogramPrometheusTests.name, count: 3, timeout: 60) + 500
                try await Self.run(prometheus, sibylPort: sibylPort, archive: directory.file("sibyl.db").path, at: time)
            }
        }
    }

    /// Runs Sibyl at ``scoredAfter`` before `time` and at `time` on `sibylPort`, reading `prometheus`, and checks every
    /// dashboard query once Prometheus has scraped its results.
    static func run(_ prometheus: PrometheusFixture, sibylPort: Int, archive: String, at time: Int64) async throws {
        var logger = Logger(label: "sibyl-test")
        logger.logLevel = .warning
        let seeded = try Archive(path: archive)
        try await seeded.results.appendObjectiveEvents(Self.budgetHistory(before: time))
        try seeded.close()
        let clock = RemoteReadAPIEndToEndTests.CycleClock(time - Self.scoredAfter)
        let service = try SibylService(
            configuration: try Self.configuration(source: prometheus.remoteReadURL, archive: archive),
            configurationFile: "sibyl.yml", adminToken: nil, logger: logger, now: { clock.now })
        try await ServedApplication.serve(
            { onServerRunning in
                service.application(
                    server: ServerConfiguration(host: "127.0.0.1", port: sibylPort), logger: logger,
                    onServerRunning: onServerRunning)
            }
        ) { _ in
            try await Self.scoreForecasts(service, clock: clock, at: time)
            try await Self.waitForResults(prometheus)
            var checked = 0
            for file in try GrafanaDashboard.files() {
                checked += try await Self.check(GrafanaDashboard.load(file), on: prometheus)
            }
            #expect(checked >= 50, "queries checked: \(checked)")
        }
        try service.archive.close()
    }

    /// Waits until the first cycle's analyses have run, then runs the second cycle at `time`, and waits until it
    /// has scored the first cycle's forecasts.
    static func scoreForecasts(
        _ service: SibylService, clock: RemoteReadAPIEndToEndTests.CycleClock, at time: Int64
    ) async throws {
        try await waitUntil("the first cycle's analyses") {
            !service.runner.latestForecasts.isEmpty && service.runner.isIdle
        }
        clock.set(time)
        service.trigger.fire()
        try await waitUntil("the forecast scores") {
            service.scheduler.board.families(of: .forecastScores).contains {
                $0.name.rawValue == ForecastFamilies.error.name
            }
        }
        // The status page reads the same scores: node_load1 and the filesystem series.
        #expect(service.statusSnapshot().anomalies.scoredSeries == 2)
    }

    /// Polls `condition` every 100 ms for up to two minutes.
    static func waitUntil(_ what: String, _ condition: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(120)
        while !condition() {
            guard Date() < deadline else { throw FixtureError("Sibyl did not compute \(what) in time") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Waits until Prometheus has scraped Sibyl a few times after its analyses and objectives have run.
    static func waitForResults(_ prometheus: PrometheusFixture) async throws {
        let ready = [
            "sibyl_analysis_runs_total{analysis=\"metadata\"}", "sibyl_analysis_runs_total{analysis=\"forecast\"}",
            "sibyl_slo_predicted_violation_eta_seconds", "sibyl_acf", "sibyl_seasonal_component",
            "sibyl_histogram_quantile", "sibyl_slo_error_budget_exhaustion_eta_seconds{basis=\"forecast\"}",
            "sibyl_forecast_error", "sibyl_forecast_interval_coverage", "sibyl_anomaly_score",
        ].map { "count_over_time(\($0)[1m]) >= 3" }
        let deadline = Date().addingTimeInterval(180)
        while Date() < deadline {
            var missing: [String] = []
            for query in ready where try await prometheus.query(query, at: wallClockMilliseconds()).isEmpty {
                missing.append(query)
            }
            if missing.isEmpty { return }
            try await Task.sleep(for: .milliseconds(500))
        }
        throw FixtureError("Prometheus did not get Sibyl's results in time")
    }

    /// Resolves the dashboard's variables, runs every panel query, and records an issue for each empty one (for each
    /// one that returns data when it names a pending family).
    /// - Returns: how many queries ran.
    static func check(_ dashboard: GrafanaDashboard, on prometheus: PrometheusFixture) async throws -> Int {
        let now = wallClockMilliseconds()
        var variables = DashboardVariables()
        for variable in dashboard.templating.list where variable.type == "query" {
            let options = try await options(of: variable, variables, on: prometheus, at: now)
            #expect(!options.isEmpty, "\(dashboard.uid): variable \(variable.name) has no value")
            guard let first = options.first else { return 0 }
            if variable.includeAll == true && variable.isAllSelected {
                variables.values[variable.name] =
                    variable.allValue ?? "(\(options.map(DashboardVariables.regex).joined(separator: "|")))"
            } else if variable.multi == true || variable.includeAll == true {
                variables.values[variable.name] = DashboardVariables.regex(first)
            } else {
                variables.values[variable.name] = DashboardVariables.plain(first)
            }
        }
        var count = 0
        for panel in dashboard.allPanels {
            for target in panel.targets ?? [] {
                let expression = try variables.substitute(target.expr ?? "")
                let result =
                    target.instant == true
                    ? try await prometheus.query(expression, at: now)
                    : try await prometheus.queryRange(
                        expression, start: now - Int64(variables.rangeSeconds) * 1000, end: now, step: 15_000)
                let hasData = result.contains { !$0.points.isEmpty }
                #expect(hasData, "\(dashboard.uid): \(panel.title) \(target.refId): \(expression) returned nothing")
                count += 1
            }
        }
        return count
    }

    /// The options of a query variable, as Grafana's Prometheus data source computes them: `label_values` through
    /// the label values API, `query_result` as `name{label="value",…} value timestamp` lines; then the variable's
    /// regex (its first group is the value) and sort.
    static func options(
        of variable: GrafanaDashboard.Variable, _ variables: DashboardVariables, on prometheus: PrometheusFixture,
        at now: Int64
    ) async throws -> [String] {
        let query = try variables.substitute(variable.query ?? "")
        var texts: [String]
        if let match = query.wholeMatch(of: /label_values\((?:(.+),\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\)\s*/) {
            texts = try await prometheus.labelValues(
                String(match.output.2), match: match.output.1.map(String.init), start: now - 3_600_000, end: now)
        } else if let match = query.wholeMatch(of: /query_result\((.+)\)\s*/) {
            texts = try await prometheus.query(String(match.output.1), at: now).map { series in
                var labels = series.labels
                let name = labels.removeValue(forKey: "__name__") ?? ""
                let pairs = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }
                let point = series.points.first
                return "\(name){\(pairs.joined(separator: ","))} \(point?.1 ?? .nan) \(point?.0 ?? 0)"
            }
        } else {
            throw FixtureError("variable \(variable.name): unsupported query \(query)")
        }
        if let regex = variable.regex, !regex.isEmpty {
            texts = try Self.apply(regex, to: texts)
        }
        if variable.sort == 1 { texts.sort() }
        return texts
    }

    /// Grafana's variable regex `/pattern/`: keeps the texts it matches, as their first group when it has one.
    static func apply(_ regex: String, to texts: [String]) throws -> [String] {
        guard regex.hasPrefix("/"), let end = regex.lastIndex(of: "/"), end != regex.startIndex else {
            throw FixtureError("variable regex \(regex) is not /…/")
        }
        let pattern = try NSRegularExpression(pattern: String(regex[regex.index(after: regex.startIndex)..<end]))
        return texts.compactMap { text in
            guard let match = pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else {
                return nil
            }
            let range = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
            return Range(range, in: text).map { String(text[$0]) }
        }
    }
}
