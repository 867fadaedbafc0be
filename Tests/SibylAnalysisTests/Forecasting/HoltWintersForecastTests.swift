import SibylAnalysis
import SibylTestSupport
import Testing

struct HoltWintersForecastTests {
    static let series: [Double] = (0..<60).map { index in
        let phase = [0.5, 2.0, -1.0, 0.25, -1.75][index % 5]
        return 10 + 0.1 * Double(index) + phase + 0.3 * Double((index * 7919) % 13 - 6) / 6
    }

    static func fit(alpha: Double, beta: Double, gamma: Double) throws -> HoltWintersFit {
        let model = try HoltWinters(
            smoothingLevel: alpha, smoothingTrend: beta, smoothingSeasonal: gamma, initialLevel: 10,
            initialTrend: 0.1, initialSeasons: [0.5, 2.0, -1.0, 0.25, -1.75])
        let start = HoltWintersInitialization(method: .simple, level: 10, trend: 0.1, seasons: model.initialSeasons)
        let grid = HoltWintersGridPoint(alpha: alpha, beta: beta, gamma: gamma, sumOfSquaredErrors: .nan)
        return HoltWintersFit(model: model, state: try model.filter(series), initialization: start, gridStart: grid)
    }

    @Test("variance is σ²·(1 + Σ c_j²) with c_j = α + jαβ + γ·[j mod m = 0]")
    func varianceFormula() throws {
        let fit = try Self.fit(alpha: 0.3, beta: 0.2, gamma: 0.4)
        let forecast = try fit.forecast(steps: 12)
        let sigma2 = fit.sumOfSquaredErrors / 60
        var sum = 1.0
        var expected = [sigma2]
        for j in 1..<12 {
            let c = 0.3 + Double(j) * 0.3 * 0.2 + (j % 5 == 0 ? 0.4 : 0)
            sum += c * c
            expected.append(sigma2 * sum)
        }
        expectClose(forecast.variances, expected, rtol: 1e-14, "variances")
        let z = HoltWintersForecast.normalQuantile95
        for h in 0..<12 {
            expectClose(forecast.upper[h] - forecast.values[h], z * expected[h].squareRoot(), rtol: 1e-12, "upper \(h)")
            expectClose(forecast.values[h] - forecast.lower[h], z * expected[h].squareRoot(), rtol: 1e-12, "lower \(h)")
        }
    }

    @Test("c_j is the effect of a one-step error on the j-step forecast (γ = 0, any α, β)")
    func coefficientsAreImpulseResponses() throws {
        let fit = try Self.fit(alpha: 0.35, beta: 0.45, gamma: 0)
        let base = try fit.state.pointForecast(steps: 9)
        let shocked = try fit.model.filter(Self.series + [base[0] + 1]).pointForecast(steps: 8)
        let variances = try fit.forecast(steps: 9).variances
        let sigma2 = variances[0]
        var sum = 1.0
        for j in 1...8 {
            let c = shocked[j - 1] - base[j]
            sum += c * c
            expectClose(variances[j], sigma2 * sum, rtol: 1e-12, "var_\(j + 1)")
        }
    }

    @Test("summary reports extremes, mean, bounds, parameters and RMSE")
    func summary() throws {
        let fit = try Self.fit(alpha: 0.3, beta: 0.2, gamma: 0.4)
        let forecast = try fit.forecast(steps: 120)
        let summary = try fit.summary(steps: 120)
        #expect(summary.maximum == forecast.values.max())
        #expect(summary.minimum == forecast.values.min())
        expectClose(summary.mean, forecast.values.reduce(0, +) / 120, rtol: 1e-15, "mean")
        #expect(summary.lowerMinimum == forecast.lower.min())
        #expect(summary.upperMaximum == forecast.upper.max())
        #expect(summary.smoothing == SmoothingParameters(level: 0.3, trend: 0.2, seasonal: 0.4))
        expectClose(summary.rootMeanSquaredError, (fit.sumOfSquaredErrors / 60).squareRoot(), rtol: 1e-15, "rmse")
        #expect(throws: AnalysisError.self) { try fit.summary(steps: 0) }
        #expect(throws: AnalysisError.self) { try fit.forecast(steps: 3, normalQuantile: .nan) }
    }

    @Test(
        "pipeline forecast summary matches the oracle where the tier asks for it",
        arguments: ForecastOracleCase.publicIDs)
    func pipelineForecast(id: String) throws {
        let oracle = try ForecastOracleCase.load(id)
        // The all-zero case is skipped by the pipeline and has no forecast block.
        guard let want = oracle.pipeline.forecast, let check = oracle.holtWintersCheck else { return }
        let pipeline = ForecastPipeline(resampler: try LinearResampler(stepMilliseconds: oracle.input.stepMs))
        let output = try pipeline.run(timestamps: oracle.input.timestamps, values: oracle.input.values.doubles)
        let summary = output.summary
        #expect(output.resampled.values.count == want.resampledN)
        #expect(output.resampled.emptyBinCount == want.resampledEmptyBins)
        #expect(summary.steps == 120)
        #expect(summary.sumOfSquaredErrors <= check.sseUpper.value, "\(id) SSE")
        if check.tier == "sse_and_forecast", let tolerance = check.forecastAbsTol?.value {
            expectClose(summary.maximum, want.max.value, rtol: 0, atol: tolerance, "\(id) max")
            expectClose(summary.minimum, want.min.value, rtol: 0, atol: tolerance, "\(id) min")
            expectClose(summary.mean, want.mean.value, rtol: 0, atol: tolerance, "\(id) mean")
        }
        #expect(summary.lowerMinimum <= summary.minimum && summary.upperMaximum >= summary.maximum)
    }

    @Test("pipeline rejects leading NaN samples instead of returning a NaN forecast")
    func pipelineRejectsLeadingNaN() throws {
        let pipeline = ForecastPipeline(resampler: try LinearResampler())
        let timestamps = (0..<40).map { Int64($0) * 5000 }
        let values = [Double.nan] + (1..<40).map { Double($0 % 5) + 0.1 * Double($0) }
        #expect(throws: AnalysisError.self) { try pipeline.run(timestamps: timestamps, values: values) }
        var interior = values
        interior[0] = 0
        interior[17] = .nan
        let output = try pipeline.run(timestamps: timestamps, values: interior)
        #expect(output.resampled.emptyBinCount == 1)
        #expect(output.summary.sumOfSquaredErrors.isFinite)
    }
}

extension HoltWintersForecastTests {
    @Test("hand-built inconsistent states throw instead of trapping or returning NaN")
    func rejectsInconsistentState() throws {
        let empty = HoltWintersState(
            level: 1, trend: 0, seasons: [], seasonBeforeLastUpdate: 0, sumOfSquaredErrors: 0, observationCount: 3)
        #expect(throws: AnalysisError.self) { try empty.pointForecast(steps: 3) }
        let fit = try Self.fit(alpha: 0.3, beta: 0.2, gamma: 0.4)
        var unobserved = fit
        unobserved.state.observationCount = 0
        #expect(throws: AnalysisError.self) { try unobserved.forecast(steps: 3) }
    }
}

extension HoltWintersForecastTests {
    @Test("the interval's z for a coverage level is scipy's norm.ppf((1 + level) / 2)")
    func normalQuantileOfLevel() {
        // scipy.stats.norm.ppf((1 + level) / 2), scipy 1.17.1.
        let expected: [(Double, Double)] = [
            (0.5, 0.6744897501960817), (0.8, 1.2815515655446004), (0.9, 1.6448536269514722),
            (0.95, 1.959963984540054), (0.99, 2.5758293035489004), (0.999999, 4.891638475671085),
        ]
        for (level, z) in expected {
            // (1 + level) / 2 itself is rounded: near 1 that moves z by up to 1 ulp of p / φ(z).
            let rtol = level > 0.999 ? 1e-10 : 1e-14
            expectClose(HoltWintersForecast.normalQuantile(level: level), z, rtol: rtol, "level \(level)")
        }
        #expect(HoltWintersForecast.normalQuantile(level: 1).isNaN)
        #expect(HoltWintersForecast.normalQuantile(level: -0.5).isNaN)
    }
}
