import Foundation
import SibylAnalysis
import SibylTestSupport
import Testing

/// ``ForecastModel/refit(_:season:keeping:)``: kept smoothing parameters, initial states by least squares.
struct ExponentialSmoothingInitialStatesTests {
    /// A seasonal series with trend and noise.
    static func series(_ count: Int, season: Int, seed: UInt64) -> [Double] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { index in
            let phase = 2 * Double.pi * Double(index % season) / Double(season)
            return 100 + 0.05 * Double(index) + 8 * sin(phase) + Double.random(in: -2...2, using: &random)
        }
    }

    @Test(
        "on the data it was fitted to, the refit at the fit's parameters is never worse than the fit",
        arguments: [
            (ForecastModel.simpleSmoothing, nil), (.dampedTrend, nil), (.holtWinters, 5), (.dampedHoltWinters, 12),
            (.holtWinters, 60),
        ] as [(ForecastModel, Int?)])
    func noWorseThanTheFit(model: ForecastModel, season: Int?) throws {
        let y = Self.series(1_000, season: season ?? 7, seed: 3)
        let fit = try model.fit(y, season: season)
        let refit = try model.refit(y, season: season, keeping: fit.smoothingParameters)
        #expect(refit.smoothingParameters == fit.smoothingParameters)
        #expect(refit.sumOfSquaredErrors <= fit.sumOfSquaredErrors * (1 + 1e-9))
        // The states matter: the refit is not the fit's SSE by chance but the least one at these parameters.
        #expect(refit.sumOfSquaredErrors > 0)
    }

    @Test("a series the recursion makes without errors gives back its initial states")
    func recoversTheStates() throws {
        let truth = ExponentialSmoothing(
            smoothingLevel: 0.3, smoothingTrend: 0.1, dampingTrend: 0.9, smoothingSeasonal: 0.2,
            initialLevel: 50, initialTrend: 1.5, initialSeasons: [3, -1, -2, 4, -4])
        // y_t = ŷ_t: every one-step error is zero at the true states.
        let y = Self.noiseless(truth, count: 200)
        let refit = try ForecastModel.dampedHoltWinters.refit(
            y, season: 5, keeping: SmoothingParameters(level: 0.3, trend: 0.1, seasonal: 0.2, damping: 0.9))
        let model = try #require((refit as? ExponentialSmoothingFit)?.model)
        #expect(refit.sumOfSquaredErrors < 1e-16 * y.reduce(0) { $0 + $1 * $1 })
        expectClose(model.initialLevel, 50, rtol: 1e-9)
        expectClose(model.initialTrend, 1.5, rtol: 1e-8)
        for (fitted, expected) in zip(model.initialSeasons, truth.initialSeasons) {
            expectClose(fitted, expected, rtol: 1e-8)
        }
    }

    /// The series whose one-step errors under `model` are all zero.
    static func noiseless(_ model: ExponentialSmoothing, count: Int) -> [Double] {
        var y = [Double]()
        var level = model.initialLevel
        var trend = model.initialTrend
        var seasons = model.initialSeasons
        let (alpha, beta, gamma, phi) =
            (model.smoothingLevel, model.smoothingTrend ?? 0, model.smoothingSeasonal ?? 0, model.dampingTrend ?? 1)
        for index in 0..<count {
            let slot = index % seasons.count
            let levelTrend = level + phi * trend
            let value = levelTrend + seasons[slot]
            y.append(value)
            let newLevel = (alpha * value - alpha * seasons[slot]) + (1 - alpha) * levelTrend
            trend = beta * (newLevel - level) + (1 - beta) * (phi * trend)
            seasons[slot] = (gamma * value - gamma * levelTrend) + (1 - gamma) * seasons[slot]
            level = newLevel
        }
        return y
    }

    @Test("a kept pipeline choice keeps its parameters and re-estimates only the states")
    func pipelineKeepsParameters() throws {
        let y = Self.series(2_000, season: 12, seed: 9)
        let timestamps = (0..<Int64(y.count)).map { $0 * 5_000 }
        let pipeline = ForecastPipeline(resampler: try LinearResampler(), season: .automatic, model: nil)
        let chosen = try pipeline.run(timestamps: Array(timestamps.prefix(1_900)), values: Array(y.prefix(1_900)))
        let smoothing = try #require(chosen.choice.smoothing)
        #expect(smoothing == chosen.fit.smoothingParameters)
        let kept = try pipeline.run(
            timestamps: Array(timestamps.suffix(1_900)), values: Array(y.suffix(1_900)), keeping: chosen.choice)
        #expect(kept.choice == chosen.choice)
        #expect(kept.fit.smoothingParameters == smoothing)
        // The kept forecast starts from the new window's end, not the old one's.
        #expect(kept.path.values[0] != chosen.path.values[0])
        // A pinned model is fitted every time.
        let pinned = try ForecastPipeline(resampler: try LinearResampler())
            .run(timestamps: timestamps, values: y)
        #expect(pinned.choice.smoothing == nil)
    }

    @Test("missing parameters, a constant series and a seasonal model without a season are errors")
    func errors() {
        let y = Self.series(100, season: 5, seed: 1)
        #expect(throws: AnalysisError.self) {
            try ForecastModel.dampedTrend.refit(y, season: nil, keeping: SmoothingParameters(level: 0.5))
        }
        #expect(throws: AnalysisError.self) {
            try ForecastModel.simpleSmoothing.refit(
                [Double](repeating: 3, count: 50), season: nil, keeping: SmoothingParameters(level: 0.5))
        }
        #expect(throws: AnalysisError.self) {
            try ForecastModel.holtWinters.refit(
                y, season: nil, keeping: SmoothingParameters(level: 0.5, trend: 0.1, seasonal: 0.1))
        }
    }
}
