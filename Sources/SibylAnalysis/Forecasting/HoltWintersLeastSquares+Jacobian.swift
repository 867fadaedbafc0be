extension HoltWintersLeastSquares {
    /// Runs the recursion (§5.1) carrying the derivatives of L, B and S with respect to
    /// `θ = (α, β, γ, l0, b0, s0 … s_{m−1})` (forward mode), and accumulates `JᵀJ` and `Jᵀe` of the one-step
    /// errors `e_t` (full row-major matrix). Returns `SSE = Σ e_t²`.
    ///
    /// Tangent recursion, with `p = L + B`: `∂e = −∂p − ∂S`,
    /// `∂L' = −α·∂S + (1 − α)·∂p + [α]·e`, `∂B' = β·(∂L' − ∂L) + (1 − β)·∂B + [β]·(L' − L − B)`,
    /// `∂S' = −γ·∂p + (1 − γ)·∂S + [γ]·e`, where `[α]` is the unit vector of α, etc.
    static func naturalNormalEquations(
        _ y: [Double], model: HoltWinters, normal: inout [Double], gradient: inout [Double]
    ) -> Double {
        let period = model.seasonalPeriods
        let size = period + 5
        let alpha = model.smoothingLevel
        let beta = model.smoothingTrend
        let gamma = model.smoothingSeasonal
        var level = model.initialLevel
        var trend = model.initialTrend
        var seasons = model.initialSeasons
        // Tangents: dLevel, dTrend, dSeasons (period × size), work vectors.
        var tangents = [Double](repeating: 0, count: size * (period + 4))
        var sse = 0.0
        tangents.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let dLevel = base
            let dTrend = base + size
            let dSeasons = base + 2 * size
            let dLevelTrend = base + (period + 2) * size
            let dError = base + (period + 3) * size
            dLevel[3] = 1
            dTrend[4] = 1
            for season in 0..<period { dSeasons[season * size + 5 + season] = 1 }
            normal.withUnsafeMutableBufferPointer { normalBuffer in
                gradient.withUnsafeMutableBufferPointer { gradientBuffer in
                    seasons.withUnsafeMutableBufferPointer { ring in
                        var slot = 0
                        for value in y {
                            let season = ring[slot]
                            let dSeason = dSeasons + slot * size
                            let levelTrend = level + trend
                            let error = value - (levelTrend + season)
                            sse += error * error
                            for k in 0..<size {
                                dLevelTrend[k] = dLevel[k] + dTrend[k]
                                dError[k] = -dLevelTrend[k] - dSeason[k]
                            }
                            for row in 0..<size where dError[row] != 0 {
                                let scaled = dError[row]
                                gradientBuffer[row] += error * scaled
                                for column in row..<size { normalBuffer[row * size + column] += scaled * dError[column] }
                            }
                            let newLevel = (alpha * value - alpha * season) + (1 - alpha) * levelTrend
                            let levelChange = newLevel - level
                            for k in 0..<size {
                                let newDLevel = -alpha * dSeason[k] + (1 - alpha) * dLevelTrend[k]
                                dTrend[k] = beta * (newDLevel - dLevel[k]) + (1 - beta) * dTrend[k]
                                dLevel[k] = newDLevel
                                dSeason[k] = -gamma * dLevelTrend[k] + (1 - gamma) * dSeason[k]
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
                    }
                }
                for row in 0..<size {
                    for column in 0..<row { normalBuffer[row * size + column] = normalBuffer[column * size + row] }
                }
            }
        }
        return sse
    }
}
