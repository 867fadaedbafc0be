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
    /// Exact pruning: a block of points is abandoned once every running SSE in it passes the best so far
    /// (partial sums of squares never decrease), so the winner is the same as a full evaluation of all 9,943
    /// points; ties keep the earlier point, as statsmodels' strict `<` does. A few probe points spread over the
    /// grid are evaluated first so that the sweep starts with a tight bound.
    /// - Parameters:
    ///   - y: the observations, all finite.
    ///   - start: the start states.
    /// - Returns: the winning point and its SSE.
    public static func bruteForceStart(_ y: [Double], start: HoltWintersInitialization) -> HoltWintersGridPoint {
        gridWinner(y, start: start, grid: startGrid())
    }

    /// A 128-point subgrid of ``startGrid()``'s box for ``HoltWintersStartSearch/coarseGrid``: every 4th α of
    /// `linspace(0.005, 0.995, 29)`, then γ over `linspace(0, min(1, 1 − α), 4)`, then β over
    /// `linspace(0, min(1, α), 4)`.
    static func coarseGrid() -> [(alpha: Double, beta: Double, gamma: Double)] {
        var grid: [(alpha: Double, beta: Double, gamma: Double)] = []
        let alphas = linspace(0.005, 0.995, 29)
        for alpha in stride(from: 0, to: alphas.count, by: 4).map({ alphas[$0] }) {
            let betas = linspace(0, min(1, alpha), 4)
            for gamma in linspace(0, min(1, 1 - alpha), 4) {
                for beta in betas { grid.append((alpha, beta, gamma)) }
            }
        }
        return grid
    }

    /// The first point of `grid` with the smallest SSE at the given start states (exact, with pruning).
    static func gridWinner(
        _ y: [Double], start: HoltWintersInitialization, grid: [(alpha: Double, beta: Double, gamma: Double)]
    ) -> HoltWintersGridPoint {
        let width = HoltWintersGridKernel.width
        // statsmodels starts from `best_val = inf` with `points[0]`, so a NaN SSE never wins.
        var bestIndex = 0
        var bestSSE = Double.infinity
        y.withUnsafeBufferPointer { series in
            let kernel = HoltWintersGridKernel(
                y: series, level: start.level, trend: start.trend, seasons: start.seasons)
            func lanes(_ component: (Int) -> Double) -> [Double] {
                (0..<width).map(component)
            }
            func consider(_ indices: (Int) -> Int) {
                guard
                    let sse = kernel.sse(
                        alpha: lanes { grid[indices($0)].alpha }, beta: lanes { grid[indices($0)].beta },
                        gamma: lanes { grid[indices($0)].gamma }, bound: bestSSE)
                else { return }
                for lane in 0..<width {
                    let index = indices(lane)
                    if sse[lane] < bestSSE || (sse[lane] == bestSSE && index < bestIndex) {
                        bestSSE = sse[lane]
                        bestIndex = index
                    }
                }
            }
            // Probe points spread over the grid first, so the sweep starts with a tight bound.
            let spacing = grid.count / (2 * width)
            for probe in 0..<2 where spacing > 0 {
                consider { lane in (probe * width + lane) * spacing + spacing / 2 }
            }
            for first in stride(from: 0, to: grid.count, by: width) {
                consider { lane in min(first + lane, grid.count - 1) }
            }
        }
        let winner = grid[bestIndex]
        return HoltWintersGridPoint(
            alpha: winner.alpha, beta: winner.beta, gamma: winner.gamma, sumOfSquaredErrors: bestSSE)
    }
}
