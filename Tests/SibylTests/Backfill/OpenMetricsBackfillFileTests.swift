import Foundation
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

struct OpenMetricsBackfillFileTests {
    /// `{instance, job="node", metric="node_load1", window}`.
    static func load(_ instance: String, window: String) throws -> RenderedLabels {
        try RenderedLabels([("metric", "node_load1"), ("instance", instance), ("job", "node"), ("window", window)])
    }

    /// A snapshot at `time` of families built from `(descriptor, samples)`.
    static func snapshot(
        at time: Int64, _ families: [(FamilyDescriptor, [(RenderedLabels, Double)])]
    ) -> CycleSnapshot {
        CycleSnapshot(
            time: time, duration: 0.1,
            families: families.map { descriptor, samples in
                var family = descriptor.family()
                for (labels, value) in samples { family.append(labels, value) }
                return family
            })
    }

    /// The file's text after adding `snapshots` in the order given.
    static func text(_ snapshots: [CycleSnapshot]) -> String {
        var file = OpenMetricsBackfillFile()
        for snapshot in snapshots { file.add(snapshot) }
        return String(decoding: file.render(), as: UTF8.self)
    }

    @Test("nothing added: just # EOF")
    func emptyFile() {
        let file = OpenMetricsBackfillFile()
        #expect(file.sampleCount == 0)
        #expect(String(decoding: file.render(), as: UTF8.self) == "# EOF\n")
        #expect(Self.text([Self.snapshot(at: 1000, [(WindowFamilies.max, [])])]) == "# EOF\n")
    }

    @Test("families sorted, each once, series grouped across cycles, samples in ascending time whatever the order")
    func groupsAcrossCycles() throws {
        let a = try Self.load("a:9100", window: "1h")
        let b = try Self.load("b:9100", window: "1h")
        let cycle = { (time: Int64, value: Double) in
            Self.snapshot(
                at: time, [(WindowFamilies.min, [(b, value), (a, -value)]), (WindowFamilies.max, [(b, value + 1)])])
        }
        var file = OpenMetricsBackfillFile()
        for snapshot in [cycle(1_733_500_015_000, 2), cycle(1_733_500_000_000, 1), cycle(1_733_500_030_500, 3)] {
            file.add(snapshot)
        }
        #expect(file.sampleCount == 9)
        #expect(
            String(decoding: file.render(), as: UTF8.self) == #"""
                # HELP sibyl_window_max Largest sample of the source series in the window (T - window, T].
                # TYPE sibyl_window_max gauge
                sibyl_window_max{instance="b:9100",job="node",metric="node_load1",window="1h"} 2 1733500000
                sibyl_window_max{instance="b:9100",job="node",metric="node_load1",window="1h"} 3 1733500015
                sibyl_window_max{instance="b:9100",job="node",metric="node_load1",window="1h"} 4 1733500030.5
                # HELP sibyl_window_min Smallest sample of the source series in the window (T - window, T].
                # TYPE sibyl_window_min gauge
                sibyl_window_min{instance="a:9100",job="node",metric="node_load1",window="1h"} -1 1733500000
                sibyl_window_min{instance="a:9100",job="node",metric="node_load1",window="1h"} -2 1733500015
                sibyl_window_min{instance="a:9100",job="node",metric="node_load1",window="1h"} -3 1733500030.5
                sibyl_window_min{instance="b:9100",job="node",metric="node_load1",window="1h"} 1 1733500000
                sibyl_window_min{instance="b:9100",job="node",metric="node_load1",window="1h"} 2 1733500015
                sibyl_window_min{instance="b:9100",job="node",metric="node_load1",window="1h"} 3 1733500030.5
                # EOF

                """#)
    }

    @Test("a series present in some cycles only has just those samples; a sample at a time held replaces it")
    func seriesInSomeCyclesAndReplacement() throws {
        let a = try Self.load("a:9100", window: "15m")
        let b = try Self.load("b:9100", window: "15m")
        var file = OpenMetricsBackfillFile()
        file.add(Self.snapshot(at: 1000, [(WindowFamilies.avg, [(a, 1)])]))
        file.add(Self.snapshot(at: 2000, [(WindowFamilies.avg, [(a, 2), (b, 20)])]))
        file.add(Self.snapshot(at: 3000, [(WindowFamilies.avg, [(a, 3)])]))
        // The cycle at 2000 again, and a series twice in one family: the one added last wins.
        file.add(Self.snapshot(at: 2000, [(WindowFamilies.avg, [(b, 21), (a, 5), (b, 22)])]))
        #expect(file.sampleCount == 4)
        let lines = String(decoding: file.render(), as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(
            lines == [
                #"sibyl_window_avg{instance="a:9100",job="node",metric="node_load1",window="15m"} 1 1"#,
                #"sibyl_window_avg{instance="a:9100",job="node",metric="node_load1",window="15m"} 5 2"#,
                #"sibyl_window_avg{instance="a:9100",job="node",metric="node_load1",window="15m"} 3 3"#,
                #"sibyl_window_avg{instance="b:9100",job="node",metric="node_load1",window="15m"} 22 2"#,
            ])
    }

    @Test("self-monitoring families are left out, counters keep OpenMetrics' _total samples")
    func leavesOutSelfMonitoring() throws {
        var events = try MetricFamily(name: "sibyl_test_events_total", kind: .counter, help: "Events.")
        events.append(.empty, 7)
        var snapshot = Self.snapshot(
            at: 1_733_500_000_000,
            [
                (SelfMonitoringFamilies.evaluationDuration, [(.empty, 0.25)]),
                (SelfMonitoringFamilies.evaluations, [(.empty, 12)]),
                (SelfMonitoringFamilies.buildInfo, [(try RenderedLabels([("version", "1.0")]), 1)]),
            ])
        snapshot.families.append(events)
        #expect(
            Self.text([snapshot]) == """
                # HELP sibyl_test_events Events.
                # TYPE sibyl_test_events counter
                sibyl_test_events_total 7 1733500000
                # EOF

                """)
    }

    @Test("label values escaped, NaN and infinities spelled, names escaped with underscores and merged so")
    func escapesNamesAndValues() throws {
        let hostile = try RenderedLabels([("metric", "a\"b\\c\nd"), ("service.name", "checkout")])
        let escapedName = try RenderedLabels([("metric", "a\"b\\c\nd"), ("service_name", "checkout")])
        var utf8 = MetricFamily(name: try MetricName(utf8: "sibyl.test.ratio"), kind: .gauge, help: "UTF-8 \"name\".")
        utf8.append(.empty, -0.0)
        var snapshot = Self.snapshot(at: 1000, [(WindowFamilies.max, [(hostile, .nan)])])
        snapshot.families.append(utf8)
        let text = Self.text([
            snapshot,
            Self.snapshot(at: 2000, [(WindowFamilies.max, [(escapedName, .infinity)])]),
            Self.snapshot(at: 3000, [(WindowFamilies.max, [(hostile, -.infinity)])]),
        ])
        #expect(
            text == #"""
                # HELP sibyl_test_ratio UTF-8 \"name\".
                # TYPE sibyl_test_ratio gauge
                sibyl_test_ratio 0 1
                # HELP sibyl_window_max Largest sample of the source series in the window (T - window, T].
                # TYPE sibyl_window_max gauge
                sibyl_window_max{metric="a\"b\\c\nd",service_name="checkout"} NaN 1
                sibyl_window_max{metric="a\"b\\c\nd",service_name="checkout"} +Inf 2
                sibyl_window_max{metric="a\"b\\c\nd",service_name="checkout"} -Inf 3
                # EOF

                """#)
    }

    @Test("write(to:) writes the rendered bytes atomically, replacing a file; an error names the path")
    func writesFile() throws {
        let directory = try TemporaryDirectory(prefix: "sibyl-backfill")
        defer { directory.remove() }
        var file = OpenMetricsBackfillFile()
        let labels = try (0..<10).map { try Self.load("host-\($0):9100", window: "1h") }
        for cycle in 0..<2_000 {
            file.add(
                Self.snapshot(
                    at: 1_733_500_000_000 + Int64(cycle) * 15_000,
                    [(WindowFamilies.avg, labels.map { ($0, Double(cycle) / 7) })]))
        }
        let path = directory.file("backfill.om").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        try file.write(to: path)
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written.count > 1 << 20, "more than one chunk")
        #expect([UInt8](written) == file.render())
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["backfill.om"])

        let missing = directory.file("no-such-directory/backfill.om").path
        let error = #expect(throws: OpenMetricsBackfillFile.WriteError.self) { try file.write(to: missing) }
        #expect(error?.path == missing)
        #expect(error?.description.contains(missing) == true)
    }

    // MARK: - promtool and a real Prometheus

    /// The cycles of ``realisticHistory(from:)``: two hours, 15 s apart.
    static let cycles = 480

    /// ``cycles`` snapshots of realistic families from `start` on, and the samples Prometheus should hold for each
    /// series (keyed by the labels it shows, `__name__` included): a NaN window maximum, a series present from
    /// cycle 200 on only, a UTF-8 label name and hostile label values, and Sibyl's own health, which is left out.
    static func realisticHistory(
        from start: Int64
    ) throws -> (snapshots: [CycleSnapshot], expected: [[String: String]: [(Int64, Double)]]) {
        let a1h = try load("a:9100", window: "1h")
        let a15m = try load("a:9100", window: "15m")
        let b1h = try load("b:9100", window: "1h")
        let checkout = try RenderedLabels([
            ("metric", "http_requests"), ("service.name", "checkout"), ("path", "/a\"b\\c\nd"), ("window", "1h"),
        ])
        var snapshots: [CycleSnapshot] = []
        var expected: [[String: String]: [(Int64, Double)]] = [:]
        for cycle in 0..<cycles {
            let time = start + Int64(cycle) * 15_000
            let phase = Double(cycle) / 17
            let families: [(FamilyDescriptor, [(RenderedLabels, Double)])] = [
                (WindowFamilies.max, [(a1h, cycle == 100 ? .nan : 1 + sin(phase) / 3), (a15m, 0.8 + cos(phase) / 5)]),
                (WindowFamilies.samples, [(a1h, Double(min(cycle + 1, 240)))]),
                (
                    WindowFamilies.avg,
                    [(checkout, 1e-3 * exp(phase / 10))] + (cycle >= 200 ? [(b1h, 0.25 + sin(phase * 3) / 7)] : [])
                ),
                (SelfMonitoringFamilies.evaluationDuration, [(.empty, 0.01 * Double(cycle % 5))]),
            ]
            snapshots.append(snapshot(at: time, families))
            for (descriptor, samples) in families where ResultStore.isArchived(descriptor.name) {
                for (labels, value) in samples {
                    expected[shown(descriptor.name, labels), default: []].append((time, value))
                }
            }
        }
        return (snapshots, expected)
    }

    /// The labels Prometheus shows for a series: `__name__` and the labels, their names escaped.
    static func shown(_ name: String, _ labels: RenderedLabels) -> [String: String] {
        var shown = ["__name__": name]
        for label in labels.labels {
            shown[NameEscaping.underscoreEscaped(label.name)] = label.value
        }
        return shown
    }

    @Test(
        "promtool imports the file and a real Prometheus answers the same values at the cycle times",
        .enabled(if: TestBinaries.runnable(.prometheus, .promtool)),
        // The second start's times are all ones whose exact decimal Prometheus' parser would misread.
        arguments: [Int64(1_733_500_000_000), 1_095_954_883_735]
    )
    func prometheusAnswersBackfill(from start: Int64) async throws {
        let (snapshots, expected) = try Self.realisticHistory(from: start)
        var file = OpenMetricsBackfillFile()
        for snapshot in snapshots { file.add(snapshot) }
        #expect(file.sampleCount == expected.values.reduce(0) { $0 + $1.count })
        if start == 1_095_954_883_735 {
            #expect(String(decoding: file.render(), as: UTF8.self).contains(" 1095954883.7350001\n"))
        }
        let directory = try TemporaryDirectory(prefix: "sibyl-backfill")
        defer { directory.remove() }
        let path = directory.file("backfill.om")
        try file.write(to: path.path)
        let end = start + Int64(Self.cycles - 1) * 15_000
        try await PrometheusFixture.with(openMetricsFile: path) { prometheus in
            for cycle in [0, 1, 100, 199, 200, 333, Self.cycles - 1] {
                let time = start + Int64(cycle) * 15_000
                let want = expected.compactMapValues { samples in samples.first { $0.0 == time }?.1 }
                // A 1 s range holds exactly the sample at `time`, with its own timestamp: no lookback.
                let answered = try await prometheus.query(#"{__name__=~"sibyl_.+"}[1s]"#, at: time)
                #expect(answered.count == want.count, "cycle \(cycle)")
                for series in answered {
                    let value = try #require(want[series.labels], "\(series.labels) at cycle \(cycle)")
                    #expect(series.points.map(\.0) == [time], "\(series.labels) at cycle \(cycle)")
                    #expect(
                        series.points.map(\.1.bitPattern) == [value.bitPattern], "\(series.labels) at cycle \(cycle)")
                }
            }
            let time = start + 150 * 15_000
            let instant = try await prometheus.query("sibyl_window_max", at: time)
            #expect(instant.count == 2)
            for series in instant {
                let value = expected[series.labels]?.first { $0.0 == time }?.1
                #expect(series.points.first?.1 == value, "\(series.labels)")
            }
            let checkout = try #require(expected.keys.first { $0["service_name"] == "checkout" })
            let range = try await prometheus.queryRange(
                #"sibyl_window_avg{service_name="checkout"}"#, start: start, end: end, step: 15_000)
            #expect(range.map(\.labels) == [checkout])
            let points = range.first?.points ?? []
            let want = expected[checkout] ?? []
            #expect(points.map(\.0) == want.map(\.0))
            #expect(points.map(\.1) == want.map(\.1))
        }
    }
}
