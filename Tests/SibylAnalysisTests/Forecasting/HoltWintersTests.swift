import SibylAnalysis
import SibylTestSupport
import Testing

struct HoltWintersTests {
    /// statsmodels' fitted model of a case.
    static func statsmodelsModel(_ oracle: ForecastOracleCase) throws -> HoltWinters? {
        guard let params = oracle.holtWinters.params else { return nil }
        return try HoltWinters(
            smoothingLevel: params.smoothingLevel.value, smoothingTrend: params.smoothingTrend.value,
            smoothingSeasonal: params.smoothingSeasonal.value, initialLevel: params.initialLevel.value,
            initialTrend: params.initialTrend.value, initialSeasons: params.initialSeasons.doubles)
    }

    @Test(
        "SSE, final state and forecast at statsmodels' params equal the oracle", arguments: ForecastOracleCase.publicIDs
    )
    func recursionAtStatsmodelsParams(id: String) throws {
        let oracle = try ForecastOracleCase.load(id)
        guard let model = try Self.statsmodelsModel(oracle), let forecast = oracle.holtWinters.forecast,
            let finalState = oracle.holtWinters.finalState, let sse = oracle.holtWinters.sse
        else { return }
        let y = oracle.analysisValues
        let scale = y.map(abs).max() ?? 0
        let atol = 1e-12 * scale
        let state = try model.filter(y)
        expectClose(state.sumOfSquaredErrors, sse.value, rtol: 1e-12, atol: atol * atol, "\(id) sse")
        expectClose(state.level, finalState.level.value, rtol: 1e-12, atol: atol, "\(id) level")
        expectClose(state.trend, finalState.trend.value, rtol: 1e-12, atol: atol, "\(id) trend")
        expectClose(state.seasons, finalState.lastSeasons.doubles, rtol: 1e-12, atol: atol, "\(id) seasons")
        expectClose(
            state.seasonBeforeLastUpdate, finalState.seasonBeforeLastUpdate.value, rtol: 1e-12, atol: atol,
            "\(id) season before last update")
        let values = try state.pointForecast(steps: forecast.steps)
        expectClose(values, forecast.values.doubles, rtol: 1e-12, atol: atol, "\(id) forecast")
        expectClose(values.max() ?? .nan, forecast.max.value, rtol: 1e-12, atol: atol, "\(id) max")
        expectClose(values.min() ?? .nan, forecast.min.value, rtol: 1e-12, atol: atol, "\(id) min")
        expectClose(
            values.reduce(0, +) / Double(values.count), forecast.mean.value, rtol: 1e-12, atol: atol, "\(id) mean")
    }

    @Test("start states before optimisation equal statsmodels'", arguments: ForecastOracleCase.publicIDs)
    func initialValues(id: String) throws {
        let oracle = try ForecastOracleCase.load(id)
        guard let want = oracle.holtWinters.initialValuesBeforeOptimization else { return }
        let y = oracle.analysisValues
        let got = try HoltWintersInitialization.estimate(y, seasonalPeriods: 5)
        let atol = 1e-9 * Self.standardDeviation(y)
        #expect(got.method.rawValue == want.method)
        try Self.withKnownIssueForConstant(y) {
            expectClose(got.level, want.level.value, rtol: 0, atol: atol, "\(id) level")
            expectClose(got.trend, want.trend.value, rtol: 0, atol: atol, "\(id) trend")
        }
        expectClose(got.seasons, want.seasons.doubles, rtol: 0, atol: atol, "\(id) seasons")
    }

    @Test("brute-force start equals statsmodels' grid winner exactly", arguments: ForecastOracleCase.publicIDs)
    func bruteForceStart(id: String) throws {
        let oracle = try ForecastOracleCase.load(id)
        guard let want = oracle.holtWinters.bruteForceStart else { return }
        let y = oracle.analysisValues
        let start = try HoltWintersInitialization.estimate(y, seasonalPeriods: 5)
        let got = HoltWinters.bruteForceStart(y, start: start)
        try Self.withKnownIssueForConstant(y) {
            #expect(got.alpha == want.alpha.value, "\(id) α")
            #expect(got.beta == want.beta.value, "\(id) β")
            #expect(got.gamma == want.gamma.value, "\(id) γ")
        }
        let scale = 1e-12 * (y.map(abs).max() ?? 0)
        expectClose(got.sumOfSquaredErrors, want.sse.value, rtol: 1e-12, atol: scale * scale, "\(id) grid SSE")
    }

    @Test("rejects bad parameters and series")
    func rejectsBadInput() throws {
        #expect(throws: AnalysisError.self) {
            try HoltWinters(
                smoothingLevel: 0.5, smoothingTrend: 0.1, smoothingSeasonal: 0.1, initialLevel: 0, initialTrend: 0,
                initialSeasons: [0])
        }
        #expect(throws: AnalysisError.self) {
            try HoltWinters(
                smoothingLevel: 1.5, smoothingTrend: 0.1, smoothingSeasonal: 0.1, initialLevel: 0, initialTrend: 0,
                initialSeasons: [0, 0])
        }
        #expect(throws: AnalysisError.self) {
            try HoltWinters(
                smoothingLevel: 0.5, smoothingTrend: 0.1, smoothingSeasonal: 0.1, initialLevel: .nan,
                initialTrend: 0, initialSeasons: [0, 0])
        }
        let model = try HoltWinters(
            smoothingLevel: 0.5, smoothingTrend: 0.1, smoothingSeasonal: 0.1, initialLevel: 0, initialTrend: 0,
            initialSeasons: [0, 0])
        #expect(throws: AnalysisError.self) { try model.filter([]) }
        #expect(throws: AnalysisError.self) { try model.filter([1, .nan]) }
        #expect(throws: AnalysisError.self) { try model.filter([1, 2]).pointForecast(steps: 0) }
        #expect(throws: AnalysisError.self) { try HoltWintersInitialization.estimate([1, 2, 3], seasonalPeriods: 5) }
        #expect(throws: AnalysisError.self) {
            try HoltWintersInitialization.estimate([1, 2, 3, 4], seasonalPeriods: 1)
        }
    }

    /// Runs `body`, marking its failures as a known issue when `y` is constant (std = 0, so the README's
    /// tolerance `1e-9·std(y)` is 0): statsmodels' l0 and b0 then carry the rounding of LAPACK's SVD in
    /// `numpy.linalg.pinv` (`41.99999999999997` and `1.8e-15` for a series of 42s), which the exact
    /// closed-form line fit does not reproduce, and the grid winner is decided by that rounding noise
    /// (every grid SSE is ≈ 1e-28). SSE and forecast of such series still meet their checks.
    static func withKnownIssueForConstant(_ y: [Double], _ body: () throws -> Void) throws {
        if standardDeviation(y) == 0 {
            withKnownIssue("constant series: statsmodels' start values are LAPACK rounding noise", isIntermittent: true)
            {
                try body()
            }
        } else {
            try body()
        }
    }

    /// Population standard deviation (ddof 0).
    static func standardDeviation(_ y: [Double]) -> Double {
        let mean = y.reduce(0, +) / Double(y.count)
        return (y.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(y.count)).squareRoot()
    }
}

extension HoltWintersTests {
    @Test("grid ties and NaN keep statsmodels' first point")
    func gridTiesKeepFirstPoint() {
        // All-zero data: every grid SSE is exactly 0, so the first point (α = 0.005, β = γ = 0) wins.
        let zeros = [Double](repeating: 0, count: 40)
        let start = HoltWintersInitialization(method: .heuristic, level: 0, trend: 0, seasons: [0, 0, 0, 0, 0])
        let tie = HoltWinters.bruteForceStart(zeros, start: start)
        #expect(tie.alpha == 0.005 && tie.beta == 0 && tie.gamma == 0 && tie.sumOfSquaredErrors == 0)
        // NaN SSEs never beat statsmodels' initial `best_val = inf`, which keeps `points[0]`.
        let nan = HoltWinters.bruteForceStart([Double](repeating: .nan, count: 40), start: start)
        #expect(nan.alpha == 0.005 && nan.beta == 0 && nan.gamma == 0)
    }
}

extension HoltWintersTests {
    @Test("fit starts where statsmodels' L-BFGS-B starts (nudged grid winner)", arguments: ForecastOracleCase.publicIDs)
    func optimizerStart(id: String) throws {
        let oracle = try ForecastOracleCase.load(id)
        guard let want = oracle.holtWinters.optimizerStartRestricted?.values.doubles else { return }
        let y = oracle.analysisValues
        let fit = try HoltWinters.fit(y)
        let grid = fit.gridStart
        let nudged = [grid.alpha, grid.beta, grid.gamma].map { $0 <= 0 ? 1e-4 : $0 >= 1 ? 1 - 1e-4 : $0 }
        try Self.withKnownIssueForConstant(y) {
            #expect(nudged == Array(want[0..<3]), "\(id) nudged α, β, γ")
        }
        let start = fit.initialization
        let atol = 1e-9 * Self.standardDeviation(y)
        try Self.withKnownIssueForConstant(y) {
            expectClose([start.level, start.trend], Array(want[3..<5]), rtol: 0, atol: atol, "\(id) l0, b0")
        }
        expectClose(start.seasons, Array(want[5...]), rtol: 0, atol: atol, "\(id) seasons")
    }
}
