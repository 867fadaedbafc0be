extension HoltWintersState {
    /// statsmodels' point forecast `forecast(h)` for `h = 1…steps` (algorithms.md §5.6):
    /// `(L_n + h·B_n) + S*` with `S* = S_{n+j}`, `j = (h − 1) mod m`, except `S* = S_{n−1}` when `j = m − 1`
    /// (statsmodels overwrites that slot with the value one season before the last update).
    /// - Parameter steps: the horizon, at least 1.
    /// - Returns: the `steps` point forecasts.
    /// - Throws: `AnalysisError.invalidArgument` when `steps < 1` or the state holds no seasons.
    public func pointForecast(steps: Int) throws -> [Double] {
        guard steps >= 1 else { throw AnalysisError.invalidArgument("forecast horizon must be ≥ 1, got \(steps)") }
        guard !seasons.isEmpty else { throw AnalysisError.invalidArgument("state holds no seasonal values") }
        let period = seasons.count
        return (1...steps).map { step in
            let phase = (step - 1) % period
            let season = phase == period - 1 ? seasonBeforeLastUpdate : seasons[phase]
            return (level + Double(step) * trend) + season
        }
    }
}
