extension DickeyFullerDesign {
    /// Below this smallest scaled pivot the Gram path's κ² rounding is worth one refinement step.
    private static let refinementPivot = 0.5

    /// The final regression's coefficients after one step of corrected semi-normal equations (Björck).
    ///
    /// The sliding Gram path loses accuracy as κ² of the centred, scaled columns, where statsmodels' SVD loses
    /// κ; one step `r = y_c − X_c·β`, `δ = (R_cᵀR_c)⁻¹·X_cᵀr` with the explicit centred columns brings the
    /// coefficients back to the κ·ε level, and the constant follows from the means,
    /// `β_const = ȳ − Σⱼ βⱼ·x̄ⱼ` (the least-squares normal equation of the constant).
    /// Applies to a full-rank fit whose columns are the constant and every other basis column except the
    /// response (the shape of `adfuller`'s final regression with a constant); returns `fit.parameters` otherwise.
    func refinedParameters(_ fit: LeastSquares, columns: [Int]) -> [Double] {
        guard let path = gramPath, path.smallestPivot < Self.refinementPivot, !fit.isRankDeficient,
            let constantPosition = columns.firstIndex(of: 0)
        else { return fit.parameters }
        let regressors = size - 2
        var position = [Int](repeating: -1, count: regressors)
        for (index, column) in columns.enumerated() where column > 0 && column <= regressors {
            position[column - 1] = index
        }
        guard columns.count == regressors + 1, position.allSatisfy({ $0 >= 0 }) else { return fit.parameters }
        let nobs = observationCount
        let x = path.series
        let centred = regressors + 1
        // One column at a time in a reused buffer (materialising all of them costs more than the arithmetic).
        var values = [Double](repeating: 0, count: nobs)
        /// Writes centred column c (0 ..< regressors; `regressors` is the response) at every row, shift first.
        func load(_ c: Int, into buffer: UnsafeMutableBufferPointer<Double>) {
            let shift = path.shifts[c]
            let mean = path.residualMeans[c]
            if c < trendColumns {
                let power = c + 1
                for i in 0..<nobs {
                    let t = Double(i + 1)
                    buffer[i] = ((power == 1 ? t : t * t) - shift) - mean
                }
            } else if c == trendColumns {
                for i in 0..<nobs { buffer[i] = (x[lags + i] - shift) - mean }
            } else {
                let first = lags - (c == regressors ? 0 : c - trendColumns)
                for i in 0..<nobs { buffer[i] = ((x[first + i + 1] - x[first + i]) - shift) - mean }
            }
        }
        var residual = [Double](repeating: 0, count: nobs)
        var gradient = [Double](repeating: 0, count: regressors)
        residual.withUnsafeMutableBufferPointer { r in
            values.withUnsafeMutableBufferPointer { v in
                load(regressors, into: r)
                for c in 0..<regressors {
                    load(c, into: v)
                    let beta = fit.parameters[position[c]]
                    for i in 0..<nobs { r[i] -= beta * v[i] }
                }
                guard let residualBase = r.baseAddress, let valuesBase = v.baseAddress else { return }
                for c in 0..<regressors {
                    load(c, into: v)
                    gradient[c] = DotProduct.sum(valuesBase, residualBase, count: nobs)
                }
            }
        }
        // Rcᵀ·z = g, then Rc·δ = z, with Rc the leading regressors×regressors block (column-major, `centred` rows).
        let rc = path.rc
        var z = gradient
        for i in 0..<regressors {
            var s = z[i]
            for k in 0..<i { s -= rc[i * centred + k] * z[k] }
            z[i] = s / rc[i * centred + i]
        }
        var delta = z
        for i in stride(from: regressors - 1, through: 0, by: -1) {
            var s = delta[i]
            for k in (i + 1)..<Swift.max(regressors, i + 1) { s -= rc[k * centred + i] * delta[k] }
            delta[i] = s / rc[i * centred + i]
        }
        guard delta.allSatisfy(\.isFinite) else { return fit.parameters }
        var parameters = fit.parameters
        var constant = path.shifts[regressors] + path.residualMeans[regressors]
        for c in 0..<regressors {
            parameters[position[c]] += delta[c]
            constant -= parameters[position[c]] * (path.shifts[c] + path.residualMeans[c])
        }
        parameters[constantPosition] = constant
        return parameters
    }
}
