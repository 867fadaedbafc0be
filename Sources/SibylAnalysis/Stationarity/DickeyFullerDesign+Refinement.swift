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
        /// Centred column c (0 ..< regressors; `regressors` is the response) at every row, shift first.
        func column(_ c: Int) -> [Double] {
            let shift = path.shifts[c]
            let mean = path.residualMeans[c]
            if c < trendColumns {
                let power = c + 1
                return (0..<nobs).map { i in
                    let t = Double(i + 1)
                    return ((power == 1 ? t : t * t) - shift) - mean
                }
            }
            if c == trendColumns { return (0..<nobs).map { (x[lags + $0] - shift) - mean } }
            let a = c == regressors ? 0 : c - trendColumns
            return (0..<nobs).map { i in
                let j = lags - a + i
                return ((x[j + 1] - x[j]) - shift) - mean
            }
        }
        var residual = column(regressors)
        var columnsData: [[Double]] = []
        columnsData.reserveCapacity(regressors)
        for c in 0..<regressors {
            let values = column(c)
            let beta = fit.parameters[position[c]]
            for i in 0..<nobs { residual[i] -= beta * values[i] }
            columnsData.append(values)
        }
        var gradient = [Double](repeating: 0, count: regressors)
        for c in 0..<regressors {
            gradient[c] = DotProduct.sum(columnsData[c], from: 0, residual, from: 0, count: nobs)
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
