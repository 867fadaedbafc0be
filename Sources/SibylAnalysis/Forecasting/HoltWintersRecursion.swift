/// The Holt-Winters recursion kernels (algorithms.md §5.1) on raw buffers, shared by the model, the grid
/// search and the optimizer.
enum HoltWintersRecursion {
    /// Runs §5.1 through `y` and returns the final states and the SSE.
    static func run(_ y: [Double], model: HoltWinters) -> HoltWintersState {
        let alpha = model.smoothingLevel
        let beta = model.smoothingTrend
        let gamma = model.smoothingSeasonal
        let period = model.seasonalPeriods
        var ring = model.initialSeasons
        var level = model.initialLevel
        var trend = model.initialTrend
        var sse = 0.0
        var slot = 0
        var lastOverwritten = ring[0]
        ring.withUnsafeMutableBufferPointer { seasons in
            for value in y {
                let season = seasons[slot]
                let levelTrend = level + trend
                let error = value - (levelTrend + season)
                sse += error * error
                let newLevel = (alpha * value - alpha * season) + (1 - alpha) * levelTrend
                trend = beta * (newLevel - level) + (1 - beta) * trend
                seasons[slot] = (gamma * value - gamma * levelTrend) + (1 - gamma) * season
                lastOverwritten = season
                level = newLevel
                slot += 1
                if slot == period { slot = 0 }
            }
        }
        // After n steps `slot` = n mod m holds S_n; rotate so seasons[j] = S_{n+j}.
        let next = Array(ring[slot...] + ring[..<slot])
        return HoltWintersState(
            level: level, trend: trend, seasons: next, seasonBeforeLastUpdate: lastOverwritten,
            sumOfSquaredErrors: sse, observationCount: y.count)
    }

    /// The SSE at direct parameters `(α, β, γ)` and start states, or `nil` as soon as the running sum exceeds
    /// `bound`: the partial sums of `e_t² ≥ 0` never decrease, so such a point cannot beat `bound`.
    static func sse(
        _ y: UnsafeBufferPointer<Double>, alpha: Double, beta: Double, gamma: Double,
        level initialLevel: Double, trend initialTrend: Double, seasons initialSeasons: UnsafeBufferPointer<Double>,
        scratch ring: UnsafeMutableBufferPointer<Double>, bound: Double = .infinity
    ) -> Double? {
        let period = initialSeasons.count
        for index in 0..<period { ring[index] = initialSeasons[index] }
        var level = initialLevel
        var trend = initialTrend
        var sse = 0.0
        var slot = 0
        for value in y {
            let season = ring[slot]
            let levelTrend = level + trend
            let error = value - (levelTrend + season)
            sse += error * error
            if sse > bound { return nil }
            let newLevel = (alpha * value - alpha * season) + (1 - alpha) * levelTrend
            trend = beta * (newLevel - level) + (1 - beta) * trend
            ring[slot] = (gamma * value - gamma * levelTrend) + (1 - gamma) * season
            level = newLevel
            slot += 1
            if slot == period { slot = 0 }
        }
        return sse
    }
}
