import Foundation
import Logging
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

/// Source series that give one derived label set, read from an in-process source through the real service.
struct EvaluationStateCollisionTests {
    @Test(
        "colliding series: the first by label set is analysed, the other dropped and counted once; /metrics keeps all")
    func collidingSeriesKeepTheExposition() async throws {
        let time: Int64 = 1_767_225_600_000
        // `window` becomes `exported_window`, so both give {exported_window="5",job="c",metric="m",…}.
        let kept = [Label("__name__", "m"), Label("exported_window", "5"), Label("job", "c")]
        let dropped = [Label("__name__", "m"), Label("job", "c"), Label("window", "5")]
        let series = [
            SwitchableSource.Series(labels: dropped) { Double($0 / 5000 % 7) },
            .init(labels: kept) { 100 + Double($0 / 5000 % 7) },
        ]
        try await SwitchableSource.with(series) { _, url in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let configuration = try SibylConfiguration(
                yaml: """
                    source: {url: '\(url)'}
                    evaluation: {interval: 1h, step: 5s, windows: [1m, 5m]}
                    selectors: ['{job="c"}']
                    archive: {path: '\(directory.file("sibyl.db").path)'}
                    """, file: "c.yml")
            var logger = Logger(label: "sibyl-test")
            logger.logLevel = .error
            let service = try SibylService(
                configuration: configuration, configurationFile: "c.yml", adminToken: nil, logger: logger,
                now: { time })
            defer { try? service.closeArchive() }
            try await SibylServerFixture.with(service, logger: logger) { port in
                // The metadata run gives the analyses' families their first samples.
                let text = try await SibylServerFixture.metrics(port: port) {
                    $0.contains(#"sibyl_analysis_runs_total{analysis="metadata"} 1"#)
                }
                for family in WindowFamilies.all {
                    for window in ["1m", "5m"] {
                        let series = #"\#(family.name){exported_window="5",job="c",metric="m",window="\#(window)"} "#
                        #expect(text.contains(series), "\(series)")
                    }
                }
                #expect(text.contains(#"sibyl_window_min{exported_window="5",job="c",metric="m",window="1m"} 100"#))
                #expect(text.contains(#"sibyl_acf{exported_window="5",job="c",lag="1",metric="m"} "#))
                #expect(text.contains(#"sibyl_analysis_series{analysis="metadata"} 1"#))
                // The remote-write families have a series per endpoint, and this Sibyl has none.
                for family in SelfMonitoringFamilies.all where !family.labels.contains("endpoint") {
                    #expect(text.contains("# TYPE \(family.name) "), "\(family.name)")
                }
                #expect(text.contains("sibyl_source_up 1\n"))
                #expect(text.contains("sibyl_series 1\n"))
                #expect(text.contains(#"sibyl_series_dropped_total{reason="label_collision"} 1"# + "\n"))
                // The next read brings the dropped series back: it is dropped again but not counted again.
                service.trigger.fire()
                let second = try await SibylServerFixture.metrics(port: port) {
                    $0.contains("sibyl_evaluations_total 2\n")
                }
                #expect(second.contains(#"sibyl_series_dropped_total{reason="label_collision"} 1"# + "\n"))
                #expect(second.contains(#"sibyl_window_min{exported_window="5",job="c",metric="m",window="1m"} 100"#))
            }
        }
    }
}
