import Sibyl
import SibylWire
import Testing

struct ExpositionBoardTests {
    static func family(_ descriptor: FamilyDescriptor, _ value: Double) throws -> MetricFamily {
        var family = descriptor.family()
        family.append(try RenderedLabels([(name: "metric", value: "m")]), value)
        return family
    }

    @Test("stale: only the self-monitoring renders, a run finishing meanwhile stays hidden, a success shows all")
    func staleWithdrawsTheDerivedParts() throws {
        let publisher = ExpositionPublisher()
        let board = ExpositionBoard(publisher: publisher)
        var metrics = SelfMetrics()
        metrics.lastEvaluation = 1_000_000
        let windows = [try Self.family(WindowFamilies.min, 1)]
        board.update([.windows: windows, .selfMonitoring: metrics.families()], succeeded: true, metrics: metrics)
        #expect(publisher.notReadyReason == nil)
        var text: String { String(decoding: publisher.body, as: UTF8.self) }
        #expect(text.contains("sibyl_window_min{metric=\"m\"} 1\n"))

        let stale = Staleness(since: 1_000_000, reason: "unreachable")
        board.update([.selfMonitoring: metrics.families()], metrics: metrics, stale: stale)
        #expect(!text.contains("sibyl_window_min"))
        #expect(text.contains("sibyl_last_evaluation_timestamp_seconds 1000\n"))
        #expect(publisher.notReadyReason == "no successful cycle since 1970-01-01T00:16:40Z: unreachable")
        #expect(board.staleness == stale)
        board.update([.forecasts: [try Self.family(ForecastFamilies.rmse, 2)]])
        #expect(!text.contains("sibyl_forecast_rmse"))
        #expect(board.staleness == stale)

        board.update([.windows: windows, .selfMonitoring: metrics.families()], succeeded: true, metrics: metrics)
        #expect(text.contains("sibyl_window_min{metric=\"m\"} 1\n"))
        #expect(text.contains("sibyl_forecast_rmse{metric=\"m\"} 2\n"))
        #expect(publisher.notReadyReason == nil)
        #expect(board.staleness == nil)
    }

    @Test("one part's families, as its producer last set them; none before its first update")
    func familiesOfOnePart() throws {
        let board = ExpositionBoard(publisher: nil)
        #expect(board.families(of: .forecastScores).isEmpty)
        board.update([
            .forecastScores: [try Self.family(ForecastFamilies.anomalyScore, 3)],
            .windows: [try Self.family(WindowFamilies.min, 1)],
        ])
        #expect(board.families(of: .forecastScores).map(\.name.rawValue) == ["sibyl_anomaly_score"])
        board.update([.forecastScores: []])
        #expect(board.families(of: .forecastScores).isEmpty)
        #expect(board.families(of: .windows).count == 1)
    }

    @Test("before the first successful cycle /-/ready says so")
    func notReadyBeforeTheFirstCycle() {
        #expect(ExpositionPublisher().notReadyReason == "no evaluation cycle has succeeded yet")
    }
}
