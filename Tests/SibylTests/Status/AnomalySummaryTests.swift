import SibylAnalysis
import SibylWire
import Testing

@testable import Sibyl

/// The anomalies read back from the forecast-score families, as a real ``ForecastScorecard`` writes them.
struct AnomalySummaryTests {
    static let start = ForecastScorecardTests.start
    /// An anomalous series; its source label `direction` collides with Sibyl's own and is exported.
    static let anomalous = [Label("__name__", "requests"), Label("direction", "in"), Label("job", "api")]
    static let normal = [Label("__name__", "requests"), Label("job", "web")]

    /// Both series forecast 20 ± 4 at the newest sample; the anomalous one then reads `newest`, the normal one 21.
    static func families(newest: Double) -> [MetricFamily] {
        let scorecard = ForecastScorecard(settings: ForecastScorecardTests.settings)
        var store = SeriesStore(maxSeries: 4)
        for (labels, last) in [(anomalous, newest), (normal, 21)] {
            var forecast = ForecastScorecardTests.forecast(
                lastTime: start + 20_000, [10, 20, 30], half: 4, scale: 1)
            forecast.labels = labels
            scorecard.issue([forecast])
            store.ingest(
                TimeSeries(
                    labels: labels,
                    samples: [0, 0, 0, 10, last].enumerated().map {
                        Sample(timestamp: start + Int64($0) * 10_000, value: $1)
                    }))
        }
        return scorecard.families(store, at: start + 40_000)
    }

    @Test("a series anomalous above is listed with its score; the normal one is scored but not listed")
    func anomalousAbove() throws {
        let summary = AnomalySummary(Self.families(newest: 28))
        #expect(summary.scoredSeries == 2)
        let series = try #require(summary.anomalies.first)
        #expect(summary.anomalies.count == 1)
        #expect(series.direction == "above")
        #expect(series.score == 2)
        #expect(
            series.labels == [Label("exported_direction", "in"), Label("job", "api"), Label("metric", "requests")])
        #expect(summary.anomaly(of: Self.anomalous) == series)
        #expect(summary.anomaly(of: Self.normal) == nil)
    }

    @Test("below the forecast: direction below")
    func anomalousBelow() {
        let summary = AnomalySummary(Self.families(newest: 12))
        #expect(summary.anomalies.map(\.direction) == ["below"])
        #expect(summary.anomalies.first?.score == 2)
    }

    @Test("no anomaly: both scored, none listed; no score families: nothing scored")
    func none() {
        let quiet = AnomalySummary(Self.families(newest: 20))
        #expect(quiet.scoredSeries == 2)
        #expect(quiet.anomalies.isEmpty)
        #expect(AnomalySummary([]) == .empty)
        #expect(AnomalySummary([ForecastFamilies.avg.family()]).scoredSeries == 0)
    }

    @Test("highest score first")
    func order() throws {
        let low = AnomalySummary.Series(labels: [Label("metric", "a")], direction: "above", score: 1.5)
        let high = AnomalySummary.Series(labels: [Label("metric", "b")], direction: "below", score: 7)
        let unscored = AnomalySummary.Series(labels: [Label("metric", "c")], direction: "above", score: nil)
        let summary = AnomalySummary(anomalies: [unscored, low, high], scoredSeries: 0)
        #expect(summary.anomalies == [high, low, unscored])
        #expect(summary.scoredSeries == 3)
    }
}
