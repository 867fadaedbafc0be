extension HoltWinters {
    /// numpy `linspace(start, stop, count)`: `value_i = i·step + start`, `step = (stop − start)/(count − 1)`,
    /// the last value set to exactly `stop`.
    static func linspace(_ start: Double, _ stop: Double, _ count: Int) -> [Double] {
        guard count > 1 else { return count == 1 ? [start] : [] }
        let step = (stop - start) / Double(count - 1)
        var values = (0..<count).map { Double($0) * step + start }
        values[count - 1] = stop
        return values
    }

    /// statsmodels' brute-force grid (algorithms.md §5.4) in its evaluation order: α over
    /// `linspace(0.005, 0.995, 29)`, then γ over `linspace(0, min(1, 1 − α), ⌈29·√(1 − α)⌉)`, then β over
    /// `linspace(0, min(1, α), ⌈29·√α⌉)`.
    static func startGrid() -> [(alpha: Double, beta: Double, gamma: Double)] {
        var grid: [(alpha: Double, beta: Double, gamma: Double)] = []
        grid.reserveCapacity(10_000)
        for alpha in linspace(0.005, 0.995, 29) {
            let betaCount = Int((29 * alpha.squareRoot()).rounded(.up))
            let gammaCount = Int((29 * (1 - alpha).squareRoot()).rounded(.up))
            let betas = linspace(0, min(1, alpha), betaCount)
            for gamma in linspace(0, min(1, 1 - alpha), gammaCount) {
                for beta in betas { grid.append((alpha, beta, gamma)) }
            }
        }
        return grid
    }

    /// The winner of statsmodels' brute-force start search (`fit(use_brute=True)`, algorithms.md §5.4): the
    /// first grid point with the smallest SSE at the given start states.
    ///
    /// Exact pruning: a point is abandoned once its running SSE passes the best so far (partial sums of
    /// squares never decrease), so the winner is the same as a full evaluation of all 9,943 points.
    /// - Parameters:
    ///   - y: the observations, all finite.
    ///   - start: the start states.
    /// - Returns: the winning point and its SSE.
    public static func bruteForceStart(_ y: [Double], start: HoltWintersInitialization) -> HoltWintersGridPoint {
        let grid = startGrid()
        var ring = [Double](repeating: 0, count: start.seasons.count)
        var bestIndex = 0
        var bestSSE = Double.infinity
        y.withUnsafeBufferPointer { series in
            start.seasons.withUnsafeBufferPointer { seasons in
                ring.withUnsafeMutableBufferPointer { scratch in
                    for (index, point) in grid.enumerated() {
                        let sse = HoltWintersRecursion.sse(
                            series, alpha: point.alpha, beta: point.beta, gamma: point.gamma,
                            level: start.level, trend: start.trend, seasons: seasons, scratch: scratch,
                            bound: bestSSE, stopAtEqual: bestSSE.isFinite)
                        if let sse, sse < bestSSE || index == 0 {
                            bestSSE = sse
                            bestIndex = index
                        }
                    }
                }
            }
        }
        let winner = grid[bestIndex]
        return HoltWintersGridPoint(
            alpha: winner.alpha, beta: winner.beta, gamma: winner.gamma, sumOfSquaredErrors: bestSSE)
    }
}
