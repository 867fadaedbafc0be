/// The brute-force start search of ``ExponentialSmoothing/fit(_:form:)``: the SSE of every grid point at fixed start
/// states, eight points at a time.
///
/// Each lane of a `SIMD8<Double>` runs one point's recursion (``ExponentialSmoothing``, statsmodels' order of
/// operations) with the same correctly rounded operations as the scalar recursion, so every lane's SSE equals the
/// scalar one bit for bit; the eight independent chains hide the latency of the recursion's dependent operations.
/// A block stops early once every lane's running SSE exceeds the best complete SSE so far (partial sums of
/// `e_t² ≥ 0` never decrease, so no lane could still win).
enum ExponentialSmoothingStartGrid {
    /// Eight grid points.
    typealias Lanes = SIMD8<Double>

    /// The first point of `points` (in order) with the smallest SSE, as statsmodels' strict `<` picks it, set into
    /// `template`'s α, β and γ (those it has); `template` itself when no point has a finite SSE.
    static func winner(
        _ y: [Double], template: ExponentialSmoothing, points: [(alpha: Double, beta: Double, gamma: Double)]
    ) -> ExponentialSmoothing {
        var best = template
        var bestSSE = Double.infinity
        var first = 0
        while first < points.count {
            let count = min(Lanes.scalarCount, points.count - first)
            var alpha = Lanes(repeating: points[first + count - 1].alpha)
            var beta = Lanes(repeating: points[first + count - 1].beta)
            var gamma = Lanes(repeating: points[first + count - 1].gamma)
            for lane in 0..<count {
                alpha[lane] = points[first + lane].alpha
                beta[lane] = points[first + lane].beta
                gamma[lane] = points[first + lane].gamma
            }
            if let sse = sumsOfSquares(y, template: template, alpha: alpha, beta: beta, gamma: gamma, bound: bestSSE) {
                for lane in 0..<count where sse[lane] < bestSSE {
                    bestSSE = sse[lane]
                    best.smoothingLevel = alpha[lane]
                    if best.smoothingTrend != nil { best.smoothingTrend = beta[lane] }
                    if best.smoothingSeasonal != nil { best.smoothingSeasonal = gamma[lane] }
                }
            }
            first += count
        }
        return best
    }

    /// The SSE of eight points, or `nil` once every lane's running sum exceeds `bound`.
    static func sumsOfSquares(
        _ y: [Double], template: ExponentialSmoothing, alpha: Lanes, beta: Lanes, gamma: Lanes, bound: Double
    ) -> Lanes? {
        let hasTrend = template.smoothingTrend != nil
        let hasSeason = template.smoothingSeasonal != nil
        let phi = Lanes(repeating: template.dampingTrend ?? 1)
        let period = max(1, template.seasonalPeriods)
        let alphaComplement = 1 - alpha
        let betaComplement = 1 - beta
        let gammaComplement = 1 - gamma
        var ring = hasSeason ? template.initialSeasons.map { Lanes(repeating: $0) } : [Lanes()]
        var level = Lanes(repeating: template.initialLevel)
        var trend = Lanes(repeating: hasTrend ? template.initialTrend : 0)
        var sse = Lanes()
        var slot = 0
        let bounds = Lanes(repeating: bound)
        let exceeded = ring.withUnsafeMutableBufferPointer { seasons in
            for (index, scalar) in y.enumerated() {
                let value = Lanes(repeating: scalar)
                let damped = phi * trend
                let levelTrend = hasTrend ? level + damped : level
                let newLevel: Lanes
                if hasSeason {
                    let season = seasons[slot]
                    let error = value - (levelTrend + season)
                    sse += error * error
                    newLevel = (alpha * value - alpha * season) + alphaComplement * levelTrend
                    seasons[slot] = (gamma * value - gamma * levelTrend) + gammaComplement * season
                    slot += 1
                    if slot == period { slot = 0 }
                } else {
                    let error = value - levelTrend
                    sse += error * error
                    newLevel = alpha * value + alphaComplement * levelTrend
                }
                if hasTrend { trend = beta * (newLevel - level) + betaComplement * damped }
                level = newLevel
                if index & 255 == 255 && all(sse .> bounds) { return true }
            }
            return false
        }
        return exceeded ? nil : sse
    }
}
