extension HoltWintersLeastSquares {
    /// Runs the recursion (§5.1) carrying the derivatives of L, B and S with respect to
    /// `θ = (α, β, γ, l0, b0, s0 … s_{m−1})` (forward mode), and accumulates `JᵀJ` and `Jᵀe` of the one-step
    /// errors `e_t` (full row-major matrix; `normal` and `gradient` are overwritten). Returns `SSE = Σ e_t²`.
    ///
    /// Tangent recursion, with `p = L + B`: `∂e = −∂p − ∂S`,
    /// `∂L' = −α·∂S + (1 − α)·∂p + [α]·e`, `∂B' = β·(∂L' − ∂L) + (1 − β)·∂B + [β]·(L' − L − B)`,
    /// `∂S' = −γ·∂p + (1 − γ)·∂S + [γ]·e`, where `[α]` is the unit vector of α, etc.
    static func naturalNormalEquations(
        _ y: [Double], model: HoltWinters, normal: inout [Double], gradient: inout [Double]
    ) -> Double {
        let period = model.seasonalPeriods
        let size = period + 5
        let count = y.count
        let alpha = model.smoothingLevel
        let beta = model.smoothingTrend
        let gamma = model.smoothingSeasonal
        let keepLevel = 1 - alpha
        let keepTrend = 1 - beta
        let keepSeason = 1 - gamma
        var level = model.initialLevel
        var trend = model.initialTrend
        var sse = 0.0
        // J (column-major, one column per θ component) and e, reduced to JᵀJ and Jᵀe after the pass: keeping
        // each dot product's partial sums in registers beats updating JᵀJ in memory at every step.
        let jacobian = UnsafeMutablePointer<Double>.allocate(capacity: size * count)
        let errors = UnsafeMutablePointer<Double>.allocate(capacity: count)
        // Tangents: dLevel, dTrend, dSeasons (period × size).
        let tangents = UnsafeMutablePointer<Double>.allocate(capacity: size * (period + 2))
        let ring = UnsafeMutablePointer<Double>.allocate(capacity: period)
        defer {
            jacobian.deallocate()
            errors.deallocate()
            tangents.deallocate()
            ring.deallocate()
        }
        tangents.initialize(repeating: 0, count: size * (period + 2))
        for season in 0..<period { ring[season] = model.initialSeasons[season] }
        let dLevel = tangents
        let dTrend = tangents + size
        let dSeasons = tangents + 2 * size
        dLevel[3] = 1
        dTrend[4] = 1
        for season in 0..<period { dSeasons[season * size + 5 + season] = 1 }
        var slot = 0
        for (step, value) in y.enumerated() {
            let season = ring[slot]
            let dSeason = dSeasons + slot * size
            let levelTrend = level + trend
            let error = value - (levelTrend + season)
            sse += error * error
            errors[step] = error
            let newLevel = (alpha * value - alpha * season) + (1 - alpha) * levelTrend
            let levelChange = newLevel - level
            for k in 0..<size {
                let oldLevel = dLevel[k]
                let oldSeason = dSeason[k]
                let tangentLevelTrend = oldLevel + dTrend[k]
                jacobian[k * count + step] = -tangentLevelTrend - oldSeason
                let newDLevel = -alpha * oldSeason + keepLevel * tangentLevelTrend
                dTrend[k] = beta * (newDLevel - oldLevel) + keepTrend * dTrend[k]
                dLevel[k] = newDLevel
                dSeason[k] = -gamma * tangentLevelTrend + keepSeason * oldSeason
            }
            dLevel[0] += error
            dTrend[0] += beta * error
            dTrend[1] += levelChange - trend
            dSeason[2] += error
            trend = beta * levelChange + (1 - beta) * trend
            ring[slot] = (gamma * value - gamma * levelTrend) + (1 - gamma) * season
            level = newLevel
            slot += 1
            if slot == period { slot = 0 }
        }
        for row in 0..<size {
            let rowColumn = jacobian + row * count
            gradient[row] = dot(rowColumn, errors, count)
            for column in row..<size {
                let value = dot(rowColumn, jacobian + column * count, count)
                normal[row * size + column] = value
                normal[column * size + row] = value
            }
        }
        return sse
    }

    /// `Σ_t a_t·b_t` with four partial sums.
    private static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
        var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
        var index = 0
        while index + 4 <= count {
            s0 += a[index] * b[index]
            s1 += a[index + 1] * b[index + 1]
            s2 += a[index + 2] * b[index + 2]
            s3 += a[index + 3] * b[index + 3]
            index += 4
        }
        while index < count {
            s0 += a[index] * b[index]
            index += 1
        }
        return (s0 + s1) + (s2 + s3)
    }
}
