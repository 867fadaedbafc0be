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
        // J rows are buffered in blocks of `count` steps (column-major, one column per θ component) and reduced
        // into JᵀJ and Jᵀe per block: each dot product keeps its partial sums in registers, which beats updating
        // JᵀJ in memory at every step, while memory stays bounded for long series.
        let count = min(y.count, 2048)
        let alpha = model.smoothingLevel
        let beta = model.smoothingTrend
        let gamma = model.smoothingSeasonal
        let keepLevel = 1 - alpha
        let keepTrend = 1 - beta
        let keepSeason = 1 - gamma
        var level = model.initialLevel
        var trend = model.initialTrend
        var sse = 0.0
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
        for index in 0..<(size * size) { normal[index] = 0 }
        for index in 0..<size { gradient[index] = 0 }
        var slot = 0
        var step = 0
        for value in y {
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
            step += 1
            if step == count {
                accumulate(jacobian, errors, rows: step, stride: count, size: size, into: &normal, &gradient)
                step = 0
            }
        }
        accumulate(jacobian, errors, rows: step, stride: count, size: size, into: &normal, &gradient)
        return sse
    }

    /// Adds `JᵀJ` and `Jᵀe` of a block of `rows` buffered Jacobian rows (column-major, column stride `stride`).
    private static func accumulate(
        _ jacobian: UnsafeMutablePointer<Double>, _ errors: UnsafeMutablePointer<Double>, rows: Int, stride: Int,
        size: Int, into normal: inout [Double], _ gradient: inout [Double]
    ) {
        guard rows > 0 else { return }
        for row in 0..<size {
            let rowColumn = jacobian + row * stride
            gradient[row] += dot(rowColumn, errors, rows)
            for column in row..<size {
                let value = dot(rowColumn, jacobian + column * stride, rows)
                normal[row * size + column] += value
                if column != row { normal[column * size + row] += value }
            }
        }
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
