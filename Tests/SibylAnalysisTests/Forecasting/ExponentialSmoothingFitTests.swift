import Foundation
import SibylAnalysis
import SibylTestSupport
import Testing

/// Forecasts and intervals of ``ExponentialSmoothingFit`` in closed form, and ``ForecastModel/fit(_:season:)``'s
/// dispatch.
struct ExponentialSmoothingFitTests {
    /// A fit whose states are set by hand: σ² = SSE/n = 4.
    private func fit(_ model: ExponentialSmoothing, seasons: [Double] = [], last: Double = 0) -> ExponentialSmoothingFit
    {
        ExponentialSmoothingFit(
            model: model,
            state: HoltWintersState(
                level: 10, trend: 2, seasons: seasons, seasonBeforeLastUpdate: last, sumOfSquaredErrors: 400,
                observationCount: 100))
    }

    @Test("simple smoothing: flat forecast, var_h = σ²(1 + (h − 1)α²)")
    func simpleInterval() throws {
        let forecast = try fit(ExponentialSmoothing(smoothingLevel: 0.3, initialLevel: 0)).forecast(steps: 6)
        #expect(forecast.values == [Double](repeating: 10, count: 6))
        for step in 1...6 {
            expectClose(forecast.variances[step - 1], 4 * (1 + Double(step - 1) * 0.09), rtol: 1e-14)
        }
        expectClose(forecast.upper[2] - forecast.values[2], 1.959963984540054 * (4 * 1.18).squareRoot(), rtol: 1e-14)
    }

    @Test("damped trend: L + B(φ + … + φ^h), c_j = α(1 + β·φ(1 − φ^j)/(1 − φ))")
    func dampedInterval() throws {
        let (alpha, beta, phi) = (0.4, 0.25, 0.9)
        let model = ExponentialSmoothing(
            smoothingLevel: alpha, smoothingTrend: beta, dampingTrend: phi, initialLevel: 0, initialTrend: 0)
        let forecast = try fit(model).forecast(steps: 8)
        var accumulated = 1.0
        for step in 1...8 {
            let sum = phi * (1 - pow(phi, Double(step))) / (1 - phi)
            expectClose(forecast.values[step - 1], 10 + 2 * sum, rtol: 1e-14, "value \(step)")
            expectClose(forecast.variances[step - 1], 4 * accumulated, rtol: 1e-13, "variance \(step)")
            let coefficient = alpha * (1 + beta * sum)
            accumulated += coefficient * coefficient
        }
    }

    @Test("damped seasonal: statsmodels' season order, γ added every m-th step")
    func dampedSeasonalInterval() throws {
        let (alpha, beta, gamma, phi) = (0.3, 0.1, 0.2, 0.95)
        let model = ExponentialSmoothing(
            smoothingLevel: alpha, smoothingTrend: beta, dampingTrend: phi, smoothingSeasonal: gamma,
            initialLevel: 0, initialTrend: 0, initialSeasons: [0, 0, 0])
        let seasons = [1.0, -2, 5]
        let forecast = try fit(model, seasons: seasons, last: 7).forecast(steps: 7)
        var accumulated = 1.0
        for step in 1...7 {
            let sum = phi * (1 - pow(phi, Double(step))) / (1 - phi)
            let phase = (step - 1) % 3
            let season = phase == 2 ? 7 : seasons[phase]
            expectClose(forecast.values[step - 1], 10 + 2 * sum + season, rtol: 1e-14, "value \(step)")
            expectClose(forecast.variances[step - 1], 4 * accumulated, rtol: 1e-13, "variance \(step)")
            let coefficient = alpha * (1 + beta * sum) + (step % 3 == 0 ? gamma : 0)
            accumulated += coefficient * coefficient
        }
    }

    @Test("an undamped trend's interval is Holt-Winters': c_j = α + j·αβ + γ·[j mod m = 0]")
    func undampedMatchesHoltWinters() throws {
        let model = ExponentialSmoothing(
            smoothingLevel: 0.3, smoothingTrend: 0.2, smoothingSeasonal: 0.1, initialLevel: 0, initialTrend: 0,
            initialSeasons: [0, 0, 0, 0, 0])
        let seasons = [1.0, 2, 3, 4, 5]
        let state = HoltWintersState(
            level: 10, trend: 2, seasons: seasons, seasonBeforeLastUpdate: 6, sumOfSquaredErrors: 400,
            observationCount: 100)
        let holtWinters = HoltWintersFit(
            model: try HoltWinters(
                smoothingLevel: 0.3, smoothingTrend: 0.2, smoothingSeasonal: 0.1, initialLevel: 0, initialTrend: 0,
                initialSeasons: [0, 0, 0, 0, 0]),
            state: state,
            initialization: HoltWintersInitialization(method: .simple, level: 0, trend: 0, seasons: seasons),
            gridStart: HoltWintersGridPoint(alpha: 0.3, beta: 0.2, gamma: 0.1, sumOfSquaredErrors: 0))
        let got = try ExponentialSmoothingFit(model: model, state: state).forecast(steps: 12)
        let want = try holtWinters.forecast(steps: 12)
        expectClose(got.values, want.values, rtol: 1e-15)
        expectClose(got.variances, want.variances, rtol: 1e-14)
    }

    @Test("rejects a bad horizon and quantile")
    func rejectsBadArguments() {
        let fitted = fit(ExponentialSmoothing(smoothingLevel: 0.3, initialLevel: 0))
        #expect(throws: AnalysisError.self) { try fitted.forecast(steps: 0) }
        #expect(throws: AnalysisError.self) { try fitted.forecast(steps: 3, normalQuantile: -1) }
    }
}

extension ExponentialSmoothingFitTests {
    /// A seasonal series with trend and noise-like wiggle, n = 400.
    private static let series = (0..<400).map { index in
        let t = Double(index)
        return 50 + 0.05 * t + 3 * Double([0, 2, -1, 4, -5][index % 5]) + 2
            * ((t * 0.618).truncatingRemainder(dividingBy: 1))
    }

    @Test("ForecastModel.fit dispatches every model")
    func dispatch() throws {
        let y = Self.series
        let simple = try #require(try ForecastModel.simpleSmoothing.fit(y, season: 5) as? ExponentialSmoothingFit)
        #expect(simple.model.smoothingTrend == nil && simple.model.smoothingSeasonal == nil)
        #expect(simple.smoothingParameters == SmoothingParameters(level: simple.model.smoothingLevel))
        let damped = try #require(try ForecastModel.dampedTrend.fit(y, season: nil) as? ExponentialSmoothingFit)
        #expect(damped.model.dampingTrend != nil && damped.model.smoothingSeasonal == nil)
        #expect(damped.smoothingParameters.damping.map { (0.8...0.995).contains($0) } == true)
        let seasonal = try #require(
            try ForecastModel.dampedHoltWinters.fit(y, season: 5) as? ExponentialSmoothingFit)
        #expect(seasonal.model.seasonalPeriods == 5 && seasonal.model.dampingTrend != nil)
        #expect(seasonal.smoothingParameters.seasonal != nil)
        #expect(try ForecastModel.holtWinters.fit(y, season: 5) is HoltWintersFit)
        let large = try #require(try ForecastModel.holtWinters.fit(y, season: 60) as? ExponentialSmoothingFit)
        #expect(large.model.seasonalPeriods == 60 && large.model.dampingTrend == nil)
        let largeDamped = try #require(
            try ForecastModel.dampedHoltWinters.fit(y, season: 60) as? ExponentialSmoothingFit)
        #expect(largeDamped.model.seasonalPeriods == 60 && largeDamped.model.dampingTrend != nil)
        #expect(try ForecastModel.seasonalNaive.fit(y, season: 5) is SeasonalNaive)
        #expect(try ForecastModel.naive.fit(y, season: nil) is SeasonalNaive)
        #expect(throws: AnalysisError.self) { try ForecastModel.dampedHoltWinters.fit(y, season: nil) }
    }

    @Test("a large season keeps statsmodels' heuristic seasons")
    func largeSeasonKeepsHeuristicSeasons() throws {
        let y = Self.series
        let start = try HoltWintersInitialization.estimate(y, seasonalPeriods: 60)
        let fit = try ExponentialSmoothing.fit(y, form: .dampedHoltWinters(season: 60))
        #expect(fit.model.initialSeasons == start.seasons)
    }

    @Test("rejects short and non-finite series")
    func rejectsBadSeries() {
        #expect(throws: AnalysisError.self) { try ExponentialSmoothing.fit([1], form: .simple) }
        #expect(throws: AnalysisError.self) { try ExponentialSmoothing.fit([1, 2], form: .dampedTrend) }
        #expect(throws: AnalysisError.self) { try ExponentialSmoothing.fit([1, .nan, 3], form: .simple) }
        #expect(throws: AnalysisError.self) {
            try ExponentialSmoothing.fit(Array(repeating: 1, count: 9), form: .dampedHoltWinters(season: 5))
        }
    }

    @Test(
        "a constant series fits exactly", arguments: [ForecastModel.simpleSmoothing, .dampedTrend, .dampedHoltWinters])
    func constantSeries(model: ForecastModel) throws {
        let fit = try model.fit([Double](repeating: 1e9, count: 50), season: 5)
        #expect(fit.sumOfSquaredErrors <= 50 * 1e-6)
        let summary = try fit.summary(steps: 10)
        expectClose(summary.maximum, 1e9, rtol: 1e-12)
        expectClose(summary.minimum, 1e9, rtol: 1e-12)
    }
}
