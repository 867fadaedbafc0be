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
    /// Exact pruning: a point is dropped once its running SSE passes the SSE of a point already run to the end
    /// (partial sums of squares never decrease), so the winner is the same as a full evaluation of all 9,943
    /// points; ties keep the earlier point, as statsmodels' strict `<` does.
    /// - Parameters:
    ///   - y: the observations, all finite.
    ///   - start: the start states.
    /// - Returns: the winning point and its SSE.
    public static func bruteForceStart(_ y: [Double], start: HoltWintersInitialization) -> HoltWintersGridPoint {
        gridWinner(y, start: start, grid: .statsmodels(period: start.seasons.count))
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
    ///
    /// Two sweeps over the series, each advancing all its points together in segments, 8 at a time
    /// (``HoltWintersGridKernel``; 24 at a time in single-precision AVX2 vectors for the screening sweep where
    /// the CPU has AVX2 and FMA). Twice that many probe points spread over the grid and, a few times on the way,
    /// the 8 (24) points with the smallest running SSE are run ahead to the end; the best SSE they reach bounds
    /// the minimum from above, and at the end of each segment every point whose running SSE is already above
    /// that bound is dropped (partial sums of `e_t² ≥ 0` never decrease, so such a point can neither win nor
    /// tie). The AVX2 screen also adds each point's lower bound of the SSE still to come
    /// (``HoltWintersTailBound``, from the ARIMA form of the recursion), which drops most points earlier.
    ///
    /// The first sweep screens all points with the cheaper error-correction form of the recursion
    /// (``HoltWintersGridKernel/screen(_:first:from:to:keepingAtMost:destination:)``) and keeps every point
    /// within a margin of its bound: 0.5 % of it, plus `2n·(10⁴·ε·scale)²` so that fits at rounding level
    /// (constant series) keep every point, plus for the single-precision screen `2n·(10³·ε_f·step)²`
    /// (``HoltWintersFloatScreen/floor``). The Swift screen's partial sums differ from statsmodels' order by
    /// rounding noise, measured at most 7e-5 of that margin; the single-precision screen's by about 1e-5 of
    /// the SSE (it runs relative to the previous observation, so the level's magnitude does not enter), so both
    /// screens keep the winner (`vectorized: false` forces the portable one). The second sweep runs the
    /// survivors (typically 1 to 20 points) with statsmodels' own order of operations, and among the points
    /// that reach the end the winner is the smallest SSE, the earliest grid position among equal SSEs
    /// (statsmodels' strict `<`), never a NaN.
    static func gridWinner(
        _ y: [Double], start: HoltWintersInitialization, grid startGrid: HoltWintersStartGrid,
        vectorized: Bool = HoltWintersGridKernel.vectorizedScreenAvailable
    ) -> HoltWintersGridPoint {
        let grid = startGrid.points
        let period = start.seasons.count
        let count = y.count
        func states(_ indices: some Sequence<Int>, capacity: Int) -> HoltWintersGridStates {
            let states = HoltWintersGridStates(capacity: capacity, period: period)
            for index in indices {
                let point = grid[index]
                states.append(
                    index: index, alpha: point.alpha, beta: point.beta, gamma: point.gamma, level: start.level,
                    trend: start.trend, seasons: start.seasons)
            }
            return states
        }
        var scale = Swift.max(abs(start.level), abs(start.trend) * Double(count))
        for value in y { scale = Swift.max(scale, abs(value)) }
        for season in start.seasons { scale = Swift.max(scale, abs(season)) }
        let noise = 1e4 * Double.ulpOfOne * scale
        let floor = 2 * Double(count) * noise * noise
        let survivors = states(grid.indices, capacity: grid.count)
        let exact = y.withUnsafeBufferPointer { series in
            let kernel = HoltWintersGridKernel(
                y: series, start: start, tailWeights: startGrid.tailWeights, vectorized: vectorized)
            defer { kernel.release() }
            let margin = floor + (kernel.screen?.floor ?? 0)
            let screenBound = sweep(survivors, kernel: kernel, screening: true) { $0 + (5e-3 * $0 + margin) }
            let limit = screenBound + (5e-3 * screenBound + margin)
            let candidates = (0..<survivors.count).filter { !(survivors.sse[$0] > limit) }
            let exact = states(candidates.map { survivors.indices[$0] }, capacity: Swift.max(candidates.count, 1))
            _ = sweep(exact, kernel: kernel, screening: false) { $0 }
            return exact
        }
        // statsmodels starts from `best_val = inf` with `points[0]`, so a NaN or infinite SSE never wins.
        var bestIndex = 0
        var bestSSE = Double.infinity
        for position in 0..<exact.count {
            let sse = exact.sse[position]
            let index = exact.indices[position]
            if sse < bestSSE || (sse == bestSSE && index < bestIndex) {
                bestSSE = sse
                bestIndex = index
            }
        }
        let winner = grid[bestIndex]
        return HoltWintersGridPoint(
            alpha: winner.alpha, beta: winner.beta, gamma: winner.gamma, sumOfSquaredErrors: bestSSE)
    }

    /// Advances `states` through the whole series (screening form or statsmodels' form), dropping after each
    /// segment the points whose running SSE is above `keep(bound)`, where `bound` is the best full SSE of the
    /// look-ahead points so far; returns that bound (infinity when no look-ahead SSE is a number).
    private static func sweep(
        _ states: HoltWintersGridStates, kernel: HoltWintersGridKernel, screening: Bool,
        keep: (Double) -> Double
    ) -> Double {
        let count = kernel.y.count
        let width = kernel.lanes(screening: screening)
        // The C screening kernel pays for converting its 24 points per segment, so it takes longer ones.
        let segment =
            screening && kernel.vectorized
            ? Swift.max(64, Swift.min(512, count / 16)) : Swift.max(32, Swift.min(128, count / 32))
        var lookaheads = [count / 32, count / 8, count / 4, count / 2]
        // 2·width probe points spread over the grid, run to the end first, so that pruning starts at once.
        let spacing = states.count / (2 * width)
        var probes: [Int] = []
        if spacing > 0 { probes = (0..<(2 * width)).map { $0 * spacing + spacing / 2 } }
        var bound = runAhead(probes, of: states, kernel: kernel, from: 0, screening: screening)
        var step = 0
        while step < count && states.count > 0 {
            let end = Swift.min(count, step + segment)
            let limit = keep(bound)
            var stored = 0
            if screening && kernel.vectorized {
                stored = kernel.screenVectorized(states, from: step, to: end, keepingAtMost: limit)
            } else {
                for first in stride(from: 0, to: states.count, by: width) {
                    stored =
                        screening
                        ? kernel.screen(
                            states, first: first, from: step, to: end, keepingAtMost: limit, destination: stored)
                        : kernel.advance(
                            states, first: first, from: step, to: end, keepingAtMost: limit, destination: stored)
                }
            }
            states.truncate(to: stored)
            step = end
            if step < count, let next = lookaheads.first, step >= next {
                lookaheads.removeAll { $0 <= step }
                bound = Swift.min(bound, lookaheadBound(states, kernel: kernel, from: step, screening: screening))
            }
        }
        return bound
    }

    /// Runs copies of the 8 (24 with the C screening kernel) points with the smallest running SSE (all at step
    /// `step`) to the end of the series and returns the smallest full SSE among them (infinity when none is a
    /// number).
    private static func lookaheadBound(
        _ states: HoltWintersGridStates, kernel: HoltWintersGridKernel, from step: Int, screening: Bool
    ) -> Double {
        let width = kernel.lanes(screening: screening)
        var leaders: [Int] = []
        var worst = 0
        for position in 0..<states.count where !states.sse[position].isNaN {
            if leaders.count < width {
                leaders.append(position)
            } else if states.sse[position] < states.sse[leaders[worst]] {
                leaders[worst] = position
            } else {
                continue
            }
            worst = leaders.indices.max { states.sse[leaders[$0]] < states.sse[leaders[$1]] } ?? 0
        }
        return runAhead(leaders, of: states, kernel: kernel, from: step, screening: screening)
    }

    /// Runs copies of the points at `positions` of `states` (all at step `step`) to the end of the series and
    /// returns the smallest full SSE among them (infinity when none is a number).
    private static func runAhead(
        _ positions: [Int], of states: HoltWintersGridStates, kernel: HoltWintersGridKernel, from step: Int,
        screening: Bool
    ) -> Double {
        guard !positions.isEmpty else { return .infinity }
        let ahead = HoltWintersGridStates(capacity: positions.count, period: states.period)
        for position in positions { ahead.append(copyOf: position, in: states) }
        let end = kernel.y.count
        let width = HoltWintersGridKernel.width
        if screening && kernel.vectorized {
            _ = kernel.screenVectorized(ahead, from: step, to: end, keepingAtMost: .infinity)
        } else {
            for first in stride(from: 0, to: ahead.count, by: width) {
                _ =
                    screening
                    ? kernel.screen(
                        ahead, first: first, from: step, to: end, keepingAtMost: .infinity, destination: first)
                    : kernel.advance(
                        ahead, first: first, from: step, to: end, keepingAtMost: .infinity, destination: first)
            }
        }
        var best = Double.infinity
        for position in 0..<ahead.count { best = Swift.min(best, ahead.sse[position]) }
        return best
    }
}
