extension HoltWinters {
    /// Fits additive Holt-Winters to `y` as statsmodels 0.15
    /// `ExponentialSmoothing(y, trend="add", seasonal="add", seasonal_periods=m).fit()` defines the problem
    /// (algorithms.md §5.2–5.5): "estimated" initialisation (heuristic, or simple for short series), the same
    /// bounds and constraints, the brute-force grid start with the 1e-4 nudge, and the SSE objective — but
    /// minimised by ``BoundedLevenbergMarquardt`` with the exact Jacobian on the standardised series
    /// `(y − mean)/std`, so the result does not depend on the data's magnitude the way statsmodels' L-BFGS-B
    /// stopping tests do. The SSE is never above the start's; series shorter than 100 values also try a start
    /// in the low-smoothing corner and keep the better fit.
    /// - Parameters:
    ///   - y: the observations, equally spaced and finite.
    ///   - seasonalPeriods: m ≥ 2 (default 5).
    ///   - startSearch: statsmodels' full start grid (default) or a 60× cheaper subgrid.
    /// - Returns: the fit.
    /// - Throws: `AnalysisError.tooShort` for `n < 2m`, `.nonFinite` for NaN or ±∞ in `y` (or an SSE that
    ///   overflows), `.invalidArgument` for m < 2.
    public static func fit(
        _ y: [Double], seasonalPeriods: Int = defaultSeasonalPeriods,
        startSearch: HoltWintersStartSearch = .statsmodelsGrid
    ) throws -> HoltWintersFit {
        let start = try HoltWintersInitialization.estimate(y, seasonalPeriods: seasonalPeriods)
        let grid = gridWinner(
            y, start: start,
            grid: startSearch == .statsmodelsGrid
                ? .statsmodels(period: seasonalPeriods) : .coarse(period: seasonalPeriods))
        let nudged = HoltWinters(
            unchecked: nudge(grid.alpha), nudge(grid.beta), nudge(grid.gamma), start.level, start.trend,
            start.seasons)
        var best = nudged
        var bestSSE = HoltWintersRecursion.run(y, model: nudged).sumOfSquaredErrors
        // For short series (cheap), a second start in the nearly deterministic corner (small α, β, γ) catches
        // the regression-like optimum that the grid's basin can miss (very_short_12: 14.8 against 25.5).
        let smooth = HoltWinters(unchecked: 0.005, 1e-4, 1e-4, start.level, start.trend, start.seasons)
        let starts = y.count < 100 ? [nudged, smooth] : [nudged]
        for candidate in optimizedCandidates(y, from: starts) {
            let sse = HoltWintersRecursion.run(y, model: candidate).sumOfSquaredErrors
            if sse < bestSSE {
                best = candidate
                bestSSE = sse
            }
        }
        let state = HoltWintersRecursion.run(y, model: best)
        guard state.sumOfSquaredErrors.isFinite else {
            throw AnalysisError.nonFinite("Holt-Winters SSE is not finite (values too large to square)")
        }
        return HoltWintersFit(model: best, state: state, initialization: start, gridStart: grid)
    }

    /// statsmodels' nudge off the box: a grid value `≤ 0` becomes 1e-4, `≥ 1` becomes `1 − 1e-4`.
    static func nudge(_ value: Double) -> Double {
        value <= 0 ? 1e-4 : value >= 1 ? 1 - 1e-4 : value
    }

    /// Runs the bounded Levenberg–Marquardt fit from each start on the standardised series and returns the
    /// optimised models in the original units (empty for a constant series, where there is nothing to fit).
    static func optimizedCandidates(_ y: [Double], from starts: [HoltWinters]) -> [HoltWinters] {
        guard let scale = StandardScale(y) else { return [] }
        let (mean, deviation) = (scale.mean, scale.deviation)
        let problem = HoltWintersLeastSquares(y: scale.standardised(y), period: starts[0].seasonalPeriods)
        let unbounded = [Double](repeating: .infinity, count: problem.parameterCount - 3)
        let optimizer = BoundedLevenbergMarquardt(
            lower: [0, 0, 0] + unbounded.map { -$0 }, upper: [1, 1, 1] + unbounded)
        return starts.map { start in
            let scaled = HoltWinters(
                unchecked: start.smoothingLevel, start.smoothingTrend, start.smoothingSeasonal,
                (start.initialLevel - mean) / deviation, start.initialTrend / deviation,
                start.initialSeasons.map { $0 / deviation })
            let result = optimizer.minimize(problem, from: HoltWintersLeastSquares.variables(scaled))
            let fitted = problem.model(result.x)
            return HoltWinters(
                unchecked: fitted.smoothingLevel, fitted.smoothingTrend, fitted.smoothingSeasonal,
                mean + deviation * fitted.initialLevel, deviation * fitted.initialTrend,
                fitted.initialSeasons.map { deviation * $0 })
        }
    }
}
