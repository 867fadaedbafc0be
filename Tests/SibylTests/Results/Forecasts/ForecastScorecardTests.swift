import SibylAnalysis
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

struct ForecastScorecardTests {
    static let start: Int64 = 1_790_000_000_000
    static let labels = [Label("__name__", "requests"), Label("job", "api")]

    /// A forecast made from data up to `lastTime`: `values` per 10 s step, each with an interval of ± `half`.
    static func forecast(lastTime: Int64, _ values: [Double], half: Double, scale: Double?) -> SeriesForecastResult {
        let summary = ForecastSummary(
            steps: values.count, maximum: values.max() ?? 0, minimum: values.min() ?? 0, mean: 0, lowerMinimum: 0,
            upperMaximum: 0, smoothing: SmoothingParameters(level: 0.5, trend: 0, seasonal: 0), sumOfSquaredErrors: 0,
            rootMeanSquaredError: 0)
        let path = HoltWintersForecast(
            values: values, lower: values.map { $0 - half }, upper: values.map { $0 + half },
            variances: values.map { _ in 1 })
        return SeriesForecastResult(
            labels: labels,
            outcome: .success(
                SeriesForecast(summary: summary, path: path, lastTime: lastTime, step: 10_000, naiveScale: scale)))
    }

    /// One sample every 10 s from `start` with the values given.
    static func store(_ values: [Double]) -> SeriesStore {
        var store = SeriesStore(maxSeries: 4)
        store.ingest(
            TimeSeries(
                labels: labels,
                samples: values.enumerated().map { Sample(timestamp: start + Int64($0) * 10_000, value: $1) }))
        return store
    }

    static func value(_ families: [MetricFamily], _ name: String, _ labels: [String: String]) -> Double? {
        let text = (try? ExpositionWriter().renderString(families)) ?? ""
        let found = ExposedSample.find(in: text, name, labels)
        return found.count == 1 ? found[0].value : nil
    }

    static let settings = ForecastScorecard.Settings(
        scoringWindow: 3_600_000, horizons: [ForecastHorizon(label: "30s", steps: 3)])

    @Test("a forecast is scored once its horizon has passed: MAE, RMSE, MASE and interval coverage")
    func accuracy() throws {
        let scorecard = ForecastScorecard(settings: Self.settings)
        // Made at 100 (the sample at t = 2 steps): 3 steps of 10, ± 2.
        scorecard.issue([Self.forecast(lastTime: Self.start + 20_000, [10, 10, 10], half: 2, scale: 4)])
        // Before the horizon has passed: nothing to pool yet.
        let early = scorecard.families(Self.store([0, 0, 0, 11, 13]), at: Self.start + 40_000)
        #expect(Self.value(early, "sibyl_forecast_error", ["measure": "mae"]) == nil)
        // Actual 11, 13, 7: errors 1, 3, −3; 11 is inside ± 2, 13 and 7 are not.
        let families = scorecard.families(Self.store([0, 0, 0, 11, 13, 7]), at: Self.start + 50_000)
        let base = ["metric": "requests", "job": "api", "horizon": "30s"]
        #expect(Self.value(families, "sibyl_forecast_error", base.merging(["measure": "mae"]) { $1 }) == 7.0 / 3)
        let rmse = try #require(
            Self.value(families, "sibyl_forecast_error", base.merging(["measure": "rmse"]) { $1 }))
        expectClose(rmse, (19.0 / 3).squareRoot(), rtol: 1e-15)
        #expect(Self.value(families, "sibyl_forecast_error", base.merging(["measure": "mase"]) { $1 }) == 7.0 / 12)
        #expect(Self.value(families, "sibyl_forecast_interval_coverage", base) == 1.0 / 3)
        // The score stays for the scoring window, then goes.
        let later = scorecard.families(Self.store([0, 0, 0, 11, 13, 7]), at: Self.start + 50_000 + 3_600_000)
        #expect(Self.value(later, "sibyl_forecast_error", base.merging(["measure": "mae"]) { $1 }) == nil)
    }

    @Test("with two horizons each is scored on its own steps as soon as it has passed")
    func horizons() throws {
        let settings = ForecastScorecard.Settings(
            scoringWindow: 3_600_000,
            horizons: [ForecastHorizon(label: "10s", steps: 1), ForecastHorizon(label: "30s", steps: 3)])
        let scorecard = ForecastScorecard(settings: settings)
        scorecard.issue([Self.forecast(lastTime: Self.start + 20_000, [10, 10, 10], half: 2, scale: 4)])
        let base = ["metric": "requests", "job": "api"]
        let early = scorecard.families(Self.store([0, 0, 0, 11]), at: Self.start + 30_000)
        #expect(
            Self.value(early, "sibyl_forecast_error", base.merging(["horizon": "10s", "measure": "mae"]) { $1 }) == 1)
        #expect(
            Self.value(early, "sibyl_forecast_error", base.merging(["horizon": "30s", "measure": "mae"]) { $1 }) == nil)
        let later = scorecard.families(Self.store([0, 0, 0, 11, 13, 7]), at: Self.start + 50_000)
        #expect(
            Self.value(later, "sibyl_forecast_error", base.merging(["horizon": "10s", "measure": "mae"]) { $1 }) == 1)
        #expect(
            Self.value(later, "sibyl_forecast_error", base.merging(["horizon": "30s", "measure": "mae"]) { $1 })
                == 7.0 / 3)
        #expect(Self.value(later, "sibyl_forecast_interval_coverage", base.merging(["horizon": "10s"]) { $1 }) == 1)
    }

    @Test("a step between samples takes the value linear between them; one without samples near is left out")
    func interpolation() {
        let samples: (timestamps: [Int64], values: [Double]) = ([0, 10_000, 40_000, 100_000], [0, 10, 40, 0])
        #expect(ForecastScorecard.value(at: 5_000, in: samples, within: 20_000) == 5)
        #expect(ForecastScorecard.value(at: 30_000, in: samples, within: 20_000) == 30)
        #expect(ForecastScorecard.value(at: 40_000, in: samples, within: 1) == 40)
        #expect(ForecastScorecard.value(at: 70_000, in: samples, within: 20_000) == nil)
    }

    @Test("the newest sample scores |y − ŷ| over the half-width, and is flagged by direction past the gates")
    func anomaly() {
        let base = ["metric": "requests", "job": "api"]
        func families(_ newest: Double, settings: ForecastScorecard.Settings = Self.settings) -> [MetricFamily] {
            let scorecard = ForecastScorecard(settings: settings)
            scorecard.issue([Self.forecast(lastTime: Self.start + 20_000, [10, 20, 30], half: 4, scale: 1)])
            // The newest sample is at step 2 of the forecast (t = 4 steps): ŷ = 20 ± 4.
            return scorecard.families(Self.store([0, 0, 0, 10, newest]), at: Self.start + 40_000)
        }
        #expect(Self.value(families(20), "sibyl_anomaly_score", base) == 0)
        #expect(Self.value(families(24), "sibyl_anomaly_score", base) == 1)
        #expect(Self.value(families(24), "sibyl_anomaly", base.merging(["direction": "above"]) { $1 }) == 0)
        let high = families(26)
        #expect(Self.value(high, "sibyl_anomaly_score", base) == 1.5)
        #expect(Self.value(high, "sibyl_anomaly", base.merging(["direction": "above"]) { $1 }) == 1)
        #expect(Self.value(high, "sibyl_anomaly", base.merging(["direction": "below"]) { $1 }) == 0)
        let low = families(14)
        #expect(Self.value(low, "sibyl_anomaly", base.merging(["direction": "below"]) { $1 }) == 1)
        // A deviation of 6 is below a relative minimum of 50 % of 20.
        var gated = Self.settings
        gated.minimumRelativeDeviation = 0.5
        #expect(
            Self.value(families(26, settings: gated), "sibyl_anomaly", base.merging(["direction": "above"]) { $1 }) == 0
        )
        gated.minimumRelativeDeviation = 0
        gated.minimumDeviation = 7
        #expect(
            Self.value(families(26, settings: gated), "sibyl_anomaly", base.merging(["direction": "above"]) { $1 }) == 0
        )
    }
}
