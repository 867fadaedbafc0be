extension ExponentialSmoothing {
    /// This model's smoothing parameters (α, β, γ, φ) with the initial states that minimise the SSE over `y`
    /// (algorithms.md §10, "Between choices").
    ///
    /// At fixed smoothing parameters the recursion is linear in the initial states and the observations together,
    /// so the one-step errors are `e = r + C·x`: `r` the errors with every free state at 0, column `j` of `C` the
    /// errors of the recursion run over zeros from state `j` at 1. The least-squares states solve `CᵀC·x = −Cᵀr`
    /// (p + 1 runs of the recursion, p the free states). Moving a constant from the level to every season leaves
    /// every forecast unchanged, so the estimated seasons are made to sum to zero: season `m − 1` is minus the sum
    /// of the others. The problem is solved on the standardised series, as the fit's.
    /// - Parameters:
    ///   - y: the observations, finite.
    ///   - estimatesSeasons: whether the initial seasons are free; if not, this model's are kept.
    /// - Returns: the model, or `nil` for a constant series or states the data does not determine.
    func withInitialStatesFitted(to y: [Double], estimatesSeasons: Bool) -> ExponentialSmoothing? {
        let count = y.count
        guard count > 1, let scale = StandardScale(y) else { return nil }
        let scaled = scale.standardised(y)
        var base = rescaled(shift: -scale.mean, scale: 1 / scale.deviation)
        base.initialLevel = 0
        base.initialTrend = 0
        let period = seasonalPeriods
        let freeSeasons = estimatesSeasons && period > 1 ? period - 1 : 0
        if freeSeasons > 0 { base.initialSeasons = [Double](repeating: 0, count: period) }
        let columns = impulseColumns(of: base, count: count, freeSeasons: freeSeasons)
        var residuals = [Double](repeating: 0, count: count)
        _ = residuals.withUnsafeMutableBufferPointer { base.errors(scaled, into: $0.baseAddress!) }
        guard let states = Self.leastSquares(columns, residuals) else { return nil }
        var fitted = base
        fitted.initialLevel = states[0]
        if smoothingTrend != nil { fitted.initialTrend = states[1] }
        if freeSeasons > 0 {
            let first = smoothingTrend != nil ? 2 : 1
            let seasons = Array(states[first..<(first + freeSeasons)])
            fitted.initialSeasons = seasons + [-seasons.reduce(0, +)]
        }
        var model = fitted.rescaled(shift: 0, scale: scale.deviation).shifted(by: scale.mean)
        if freeSeasons == 0 { model.initialSeasons = initialSeasons }
        return model
    }

    /// The errors of the recursion run over zeros from each free state at 1 (seasons `i` at +1 and `m − 1` at −1).
    private func impulseColumns(of base: ExponentialSmoothing, count: Int, freeSeasons: Int) -> [[Double]] {
        var impulse = base
        impulse.initialLevel = 0
        impulse.initialTrend = 0
        impulse.initialSeasons = [Double](repeating: 0, count: base.initialSeasons.count)
        var starts = [ExponentialSmoothing]()
        var level = impulse
        level.initialLevel = 1
        starts.append(level)
        if smoothingTrend != nil {
            var trend = impulse
            trend.initialTrend = 1
            starts.append(trend)
        }
        for season in 0..<freeSeasons {
            var seasonal = impulse
            seasonal.initialSeasons[season] = 1
            seasonal.initialSeasons[base.initialSeasons.count - 1] = -1
            starts.append(seasonal)
        }
        let zeros = [Double](repeating: 0, count: count)
        return starts.map { start in
            var column = [Double](repeating: 0, count: count)
            _ = column.withUnsafeMutableBufferPointer { start.errors(zeros, into: $0.baseAddress!) }
            return column
        }
    }

    /// The `x` minimising `‖r + C·x‖²` by the normal equations, or `nil` when `CᵀC` is singular.
    private static func leastSquares(_ columns: [[Double]], _ residuals: [Double]) -> [Double]? {
        let size = columns.count
        var gram = [Double](repeating: 0, count: size * size)
        var rightHandSide = [Double](repeating: 0, count: size)
        for row in 0..<size {
            rightHandSide[row] = -DotProduct.sum(columns[row], from: 0, residuals, from: 0, count: residuals.count)
            for column in 0...row {
                let value = DotProduct.sum(columns[row], from: 0, columns[column], from: 0, count: residuals.count)
                gram[row * size + column] = value
                gram[column * size + row] = value
            }
        }
        guard let solution = CholeskySolver.solve(&gram, &rightHandSide, size: size),
            solution.allSatisfy(\.isFinite)
        else { return nil }
        return solution
    }
}
