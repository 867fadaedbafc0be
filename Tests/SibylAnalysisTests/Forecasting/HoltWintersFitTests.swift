import SibylAnalysis
import SibylTestSupport
import Testing

struct HoltWintersFitTests {
    @Test(
        "fit meets the oracle's holt_winters_check",
        arguments: ForecastOracleCase.publicIDs, [HoltWintersStartSearch.statsmodelsGrid, .coarseGrid])
    func meetsCheck(id: String, search: HoltWintersStartSearch) throws {
        let oracle = try ForecastOracleCase.load(id)
        guard let check = oracle.holtWintersCheck, let forecast = oracle.holtWinters.forecast,
            let statsmodelsSSE = oracle.holtWinters.sse
        else { return }
        let y = oracle.analysisValues
        let fit = try HoltWinters.fit(y, startSearch: search)
        let sse = fit.sumOfSquaredErrors
        #expect(sse <= check.sseUpper.value, "\(id): SSE \(sse) above \(check.sseUpper.value)")
        if check.statsmodelsSuboptimal {
            #expect(sse < statsmodelsSSE.value, "\(id): SSE \(sse) not below statsmodels' \(statsmodelsSSE.value)")
        }
        let values = try fit.state.pointForecast(steps: forecast.steps)
        let mean = values.reduce(0, +) / Double(values.count)
        if check.tier == "sse_and_forecast", let tolerance = check.forecastAbsTol?.value {
            expectClose(values.max() ?? .nan, forecast.max.value, rtol: 0, atol: tolerance, "\(id) max")
            expectClose(values.min() ?? .nan, forecast.min.value, rtol: 0, atol: tolerance, "\(id) min")
            expectClose(mean, forecast.mean.value, rtol: 0, atol: tolerance, "\(id) mean")
        }
    }
}

extension HoltWintersFitTests {
    @Test("the shortest series (n = 2m) fits with the simple initialisation", arguments: [10, 11, 13])
    func shortestSeries(count: Int) throws {
        let y = (0..<count).map { index in Double([3, 1, 4, 1, 5][index % 5]) + 0.2 * Double(index) }
        let fit = try HoltWinters.fit(y)
        #expect(fit.initialization.method == .simple)
        #expect(fit.sumOfSquaredErrors <= fit.gridStart.sumOfSquaredErrors)
        #expect(fit.sumOfSquaredErrors.isFinite)
    }

    @Test("rejects too-short, non-finite and overflowing series")
    func rejectsBadSeries() {
        #expect(throws: AnalysisError.self) { try HoltWinters.fit([1, 2, 3, 4, 5, 6, 7, 8, 9]) }
        #expect(throws: AnalysisError.self) { try HoltWinters.fit((0..<20).map { $0 == 7 ? .nan : Double($0) }) }
        #expect(throws: AnalysisError.self) { try HoltWinters.fit((0..<20).map { $0 == 7 ? .infinity : 1 }) }
        #expect(throws: AnalysisError.self) { try HoltWinters.fit((0..<20).map { Double($0 % 3) * 1e300 }) }
        #expect(throws: AnalysisError.self) { try HoltWinters.fit([1, 2, 3, 4], seasonalPeriods: 1) }
    }

    @Test("a constant series fits exactly and forecasts the constant")
    func constantSeries() throws {
        let fit = try HoltWinters.fit([Double](repeating: 1e9, count: 50))
        #expect(fit.sumOfSquaredErrors == 0)
        let summary = try fit.summary(steps: 10)
        #expect(summary.maximum == 1e9 && summary.minimum == 1e9)
        #expect(summary.lowerMinimum == 1e9 && summary.upperMaximum == 1e9)
    }
}
