import CHoltWintersKernel

extension HoltWintersLeastSquares {
    /// Runs the recursion (§5.1) in its error-correction form, `e = (y − S) − p`, `p' = (p + B) + c·e`,
    /// `B' = B + αβ·e`, `S' = S + γ·e` (each `x + a·b` one fused multiply-add; algebraically statsmodels'
    /// recursion, with different rounding and a third of its dependent operations), carrying the derivatives
    /// of the prediction `p = L + B`, the slope B and the seasons S with respect to
    /// `θ = (α, β, γ, l0, b0, s0 … s_{m−1})` (forward mode), and accumulates `JᵀJ` and `Jᵀe` of the one-step
    /// errors `e_t` (full row-major matrix; `normal` and `gradient` are overwritten). Returns `SSE = Σ e_t²`,
    /// equal to ``sumOfSquares(_:model:vectorized:bound:)``'s bit for bit.
    ///
    /// Tangent recursion (`c = α + αβ`), with `d = ∂p + ∂S = −∂e`: `∂p' = ∂p + ∂B − c·d + [∂c]·e`,
    /// `∂B' = ∂B − αβ·d + [∂(αβ)]·e`, `∂S' = ∂S − γ·d + [γ]·e`, where `[∂c] = (1 + β)·[α] + α·[β]`,
    /// `[∂(αβ)] = β·[α] + α·[β]` and `[γ]` are unit vectors of θ. Three dependent operations per step instead
    /// of nine; every `x ± a·b` is one fused multiply-add (`addingProduct`).
    ///
    /// With `vectorized` (the default where the CPU has AVX2 and FMA, and `m ≤ 7`) the C kernel
    /// `sibyl_hw_normal_equations` performs the same correctly rounded operations in the same order, four θ
    /// components or four Jacobian entries per instruction, so both paths return identical numbers.
    static func naturalNormalEquations(
        _ y: [Double], model: HoltWinters, normal: inout [Double], gradient: inout [Double],
        vectorized: Bool = true
    ) -> Double {
        let period = model.seasonalPeriods
        let size = period + 5
        // J rows (of −∂e/∂θ) are buffered in blocks of `count` steps (row-major) and reduced into JᵀJ and Jᵀe per
        // block: each entry keeps its running sum in a register, which beats updating JᵀJ in memory at every
        // step, while memory stays bounded for long series.
        let count = min(y.count, 2048)
        if vectorized && sibyl_hw_normal_equations_available(period) != 0 {
            // The C kernel pads each Jacobian row to 12 lanes (three AVX2 vectors).
            let jacobian = UnsafeMutablePointer<Double>.allocate(capacity: 12 * Swift.max(count, 1))
            let errors = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(count, 1))
            defer {
                jacobian.deallocate()
                errors.deallocate()
            }
            return y.withUnsafeBufferPointer { series in
                model.initialSeasons.withUnsafeBufferPointer { seasons in
                    normal.withUnsafeMutableBufferPointer { normal in
                        gradient.withUnsafeMutableBufferPointer { gradient in
                            sibyl_hw_normal_equations(
                                series.baseAddress, series.count, period, model.smoothingLevel,
                                model.smoothingTrend, model.smoothingSeasonal, model.initialLevel,
                                model.initialTrend, seasons.baseAddress, normal.baseAddress, gradient.baseAddress,
                                jacobian, errors, Swift.max(count, 1))
                        }
                    }
                }
            }
        }
        let alpha = model.smoothingLevel
        let beta = model.smoothingTrend
        let gamma = model.smoothingSeasonal
        let c = alpha + alpha * beta
        let ab = alpha * beta
        // ∂c/∂(α, β) = (1 + β, α), ∂(αβ)/∂(α, β) = (β, α), ∂γ/∂γ = 1, over the first four θ components.
        let cSlope = [1 + beta, alpha, 0, 0]
        let abSlope = [beta, alpha, 0, 0]
        let gammaSlope = [0.0, 0, 1, 0]
        var prediction = model.initialLevel + model.initialTrend
        var trend = model.initialTrend
        var sse = 0.0
        let jacobian = UnsafeMutablePointer<Double>.allocate(capacity: size * count)
        let errors = UnsafeMutablePointer<Double>.allocate(capacity: count)
        // Tangents: dPrediction (of p = L + B), dTrend, dSeasons (period × size).
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
        let dPrediction = tangents
        let dTrend = tangents + size
        let dSeasons = tangents + 2 * size
        dPrediction[3] = 1
        dPrediction[4] = 1
        dTrend[4] = 1
        for season in 0..<period { dSeasons[season * size + 5 + season] = 1 }
        for index in 0..<(size * size) { normal[index] = 0 }
        for index in 0..<size { gradient[index] = 0 }
        var slot = 0
        var step = 0
        for value in y {
            let season = ring[slot]
            let dSeason = dSeasons + slot * size
            let error = (value - season) - prediction
            sse += error * error
            errors[step] = error
            prediction = (prediction + trend).addingProduct(c, error)
            trend = trend.addingProduct(ab, error)
            ring[slot] = season.addingProduct(gamma, error)
            for k in 0..<size {
                let oldSeason = dSeason[k]
                let negativeError = dPrediction[k] + oldSeason
                jacobian[step * size + k] = negativeError
                var dP = (dPrediction[k] + dTrend[k]).addingProduct(-c, negativeError)
                var dB = dTrend[k].addingProduct(-ab, negativeError)
                var dS = oldSeason.addingProduct(-gamma, negativeError)
                if k < 4 {
                    dP = dP.addingProduct(error, cSlope[k])
                    dB = dB.addingProduct(error, abSlope[k])
                    dS = dS.addingProduct(error, gammaSlope[k])
                }
                dPrediction[k] = dP
                dTrend[k] = dB
                dSeason[k] = dS
            }
            slot += 1
            if slot == period { slot = 0 }
            step += 1
            if step == count {
                accumulate(jacobian, errors, rows: step, size: size, into: &normal, &gradient)
                step = 0
            }
        }
        accumulate(jacobian, errors, rows: step, size: size, into: &normal, &gradient)
        // The buffered rows are −∂e/∂θ: JᵀJ is unchanged by the sign, Jᵀe flips.
        for index in 0..<size { gradient[index] = -gradient[index] }
        return sse
    }

    /// The SSE of the error-correction recursion of ``naturalNormalEquations(_:model:normal:gradient:vectorized:)``
    /// (the same operations in the same order, in C where the CPU has FMA), or `nil` once it passes `bound`.
    static func sumOfSquares(_ y: [Double], model: HoltWinters, vectorized: Bool = true, bound: Double) -> Double? {
        let period = model.seasonalPeriods
        let alpha = model.smoothingLevel
        let beta = model.smoothingTrend
        let gamma = model.smoothingSeasonal
        var ring = model.initialSeasons
        if vectorized && sibyl_hw_normal_equations_available(period) != 0 {
            let sse = y.withUnsafeBufferPointer { series in
                model.initialSeasons.withUnsafeBufferPointer { seasons in
                    ring.withUnsafeMutableBufferPointer { scratch in
                        sibyl_hw_sum_of_squares(
                            series.baseAddress, series.count, period, alpha, beta, gamma, model.initialLevel,
                            model.initialTrend, seasons.baseAddress, scratch.baseAddress, bound)
                    }
                }
            }
            return sse > bound ? nil : sse
        }
        let c = alpha + alpha * beta
        let ab = alpha * beta
        var prediction = model.initialLevel + model.initialTrend
        var trend = model.initialTrend
        var sse = 0.0
        var slot = 0
        for value in y {
            let season = ring[slot]
            let error = (value - season) - prediction
            sse += error * error
            if sse > bound { return nil }
            prediction = (prediction + trend).addingProduct(c, error)
            trend = trend.addingProduct(ab, error)
            ring[slot] = season.addingProduct(gamma, error)
            slot += 1
            if slot == period { slot = 0 }
        }
        return sse
    }

    /// Adds `JᵀJ` and `Jᵀe` of a block of `rows` buffered Jacobian rows (row-major, `size` per row): each entry is
    /// one fused multiply-add chain over the rows in order, as the C kernel computes it.
    private static func accumulate(
        _ jacobian: UnsafeMutablePointer<Double>, _ errors: UnsafeMutablePointer<Double>, rows: Int, size: Int,
        into normal: inout [Double], _ gradient: inout [Double]
    ) {
        guard rows > 0 else { return }
        for row in 0..<size {
            var errorSum = 0.0
            for t in 0..<rows { errorSum = errorSum.addingProduct(errors[t], jacobian[t * size + row]) }
            gradient[row] += errorSum
            for column in row..<size {
                var sum = 0.0
                for t in 0..<rows { sum = sum.addingProduct(jacobian[t * size + row], jacobian[t * size + column]) }
                normal[row * size + column] += sum
                if column != row { normal[column * size + row] += sum }
            }
        }
    }
}
