import SibylAnalysis
import SibylTestSupport
import Testing

/// The candidates' fits against statsmodels (`oracle-models/`, `scripts/oracle-models.py`).
struct ExponentialSmoothingTests {
    /// Runs `check` on every statsmodels fit of case `id` that did not raise, with the series and the slack of
    /// an SSE near 0 (`n·(1e-12·max|y|)²`); fails when there is none.
    private func forEachFit(
        _ id: String, _ check: (ModelOracleCase.Fit, _ sse: Double, _ y: [Double], _ slack: Double) throws -> Void
    ) throws {
        let oracle = try ModelOracleCase.load(id)
        let y = try oracle.series()
        let scale = y.map(abs).max() ?? 0
        let fits = oracle.fits.filter { $0.error == nil }
        #expect(!fits.isEmpty, "\(id): no fit to compare")
        for fit in fits {
            let sse = try #require(fit.sse?.value, "\(id) \(fit.model): no SSE")
            try check(fit, sse, y, Double(y.count) * (1e-12 * scale) * (1e-12 * scale))
        }
    }

    @Test(
        "at statsmodels' parameters the recursion gives statsmodels' SSE and forecast",
        arguments: ModelOracleCase.ids)
    func recursionMatchesStatsmodels(id: String) throws {
        try forEachFit(id) { fit, sse, y, slack in
            let model = try #require(fit.params?.model, "\(id) \(fit.model): no parameters")
            let forecast = try #require(fit.forecast?.doubles, "\(id) \(fit.model): no forecast")
            let state = try model.filter(y)
            expectClose(state.sumOfSquaredErrors, sse, rtol: 1e-9, atol: slack, "\(id) \(fit.model) SSE")
            let values = try ExponentialSmoothingFit(model: model, state: state).forecast(steps: forecast.count).values
            let scale = y.map(abs).max() ?? 0
            expectClose(values, forecast, rtol: 1e-9, atol: 1e-12 * scale, "\(id) \(fit.model) forecast")
        }
    }

    @Test("each candidate's SSE is no worse than statsmodels'", arguments: ModelOracleCase.ids)
    func fitIsNoWorseThanStatsmodels(id: String) throws {
        try forEachFit(id) { fit, sse, y, slack in
            let model = try #require(ForecastModel(rawValue: fit.model), "unknown model \(fit.model)")
            let got = try model.fit(y, season: fit.season).sumOfSquaredErrors
            #expect(got <= sse * (1 + 1e-9) + slack, "\(id) \(fit.model): SSE \(got) above statsmodels' \(sse)")
        }
    }
}
