import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

extension SibylServiceTests {
    @Test("a forecast made before a restart is scored after it, and the score is the same after another restart")
    func forecastScoresAcrossRestart() async throws {
        try await Self.withPrometheusAndArchive { time, prometheus, archive in
            let yaml = """
                source: {url: '\(prometheus.remoteReadURL)'}
                evaluation: {interval: 1h, windows: [1h]}
                selectors: ['{job="fixture", shape="sine"}']
                forecast: {selectors: ['sibyl_e2e_gauge{shape="sine"}'], horizon: 10m, season_length: 12}
                archive: {path: '\(archive)'}
                """
            let labels = ["metric": "sibyl_e2e_gauge", "shape": "sine", "horizon": "10m", "measure": "mae"]
            func error(_ text: String) -> Double? {
                ExposedSample.find(in: text, "sibyl_forecast_error", labels).first?.value
            }
            // Half an hour before: a forecast whose 10 minutes end 20 minutes before `time`; nothing scored yet.
            try await Self.withService(yaml, at: time - 1_800_000) { _, port in
                let text = try await SibylServerFixture.metrics(port: port) { $0.contains("sibyl_forecast_max{") }
                #expect(error(text) == nil)
            }
            // After a restart the kept forecast is scored at the first cycle.
            var scored: Double?
            try await Self.withService(yaml, at: time) { _, port in
                let text = try await SibylServerFixture.metrics(port: port) { error($0) != nil }
                scored = error(text)
            }
            let mae = try #require(scored)
            #expect(mae > 0 && mae.isFinite)
            // Another restart a minute later: the first cycle shows the same score, from the archive.
            try await Self.withService(yaml, at: time + 60_000) { service, port in
                let text = try await SibylServerFixture.metrics(port: port) { error($0) != nil }
                #expect(error(text) == mae)
                let record = try service.archive.results.forecastRecord(after: .min)
                #expect(record.scored.map(\.scored.horizon) == ["10m"], "the forecast made before the first restart")
                #expect(!record.pending.isEmpty, "the forecast made after it, archived at shutdown")
            }
        }
    }
}
