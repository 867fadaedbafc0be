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
