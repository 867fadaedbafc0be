extension LagSearch {
    /// The pinv `ssr` of a c×c triangle `t` with exactly one singular value far below statsmodels' cut-offs and
    /// all others clearly above them, or `nil` when that is not certain (then the Jacobi SVD decides).
    ///
    /// This is the shape of every candidate of a 1e12-level gauge: the constant and the level column are
    /// collinear to ~1e-19. Inverse iteration `x ← T⁻ᵀT⁻¹x` gives the left singular vector u of σ_min
    /// (converged after two steps, the gap being ≥ 1e12), `σ_min = 1/‖T⁻¹u‖`. When σ_min ≤ 1e-16·‖T‖_F/√c
    /// (so below both 1e-15·s_max and c·ε·s_max) and T deflated by the direction v ∝ T⁻¹u has
    /// ‖R'‖_F·‖R'⁻¹‖_F < 1e12 (so every other singular value is above both cut-offs), pinv keeps all but u
    /// and `ssr = tail + (uᵀz)²`, the rank being c − 1.
    static func truncatingOneDirection(_ t: [Double], columns c: Int, response z: [Double], tail: Double) -> Double? {
        guard c >= 2 else { return nil }
        var frobenius2 = 0.0
        for value in t { frobenius2 += value * value }
        let frobenius = frobenius2.squareRoot()
        guard frobenius > 0, frobenius.isFinite else { return nil }
        for i in 0..<c where t[i * c + i] == 0 { return nil }
        /// T⁻¹·x by back substitution.
        func solveUpper(_ x: [Double]) -> [Double] {
            var y = x
            for i in stride(from: c - 1, through: 0, by: -1) {
                var s = y[i]
                for k in (i + 1)..<Swift.max(c, i + 1) { s -= t[k * c + i] * y[k] }
                y[i] = s / t[i * c + i]
            }
            return y
        }
        /// T⁻ᵀ·x by forward substitution.
        func solveLowerTransposed(_ x: [Double]) -> [Double] {
            var y = x
            for i in 0..<c {
                var s = y[i]
                for k in 0..<i { s -= t[i * c + k] * y[k] }
                y[i] = s / t[i * c + i]
            }
            return y
        }
        func normalized(_ x: [Double]) -> [Double]? {
            let scale = x.reduce(0) { Swift.max($0, abs($1)) }
            guard scale > 0, scale.isFinite else { return nil }
            let scaled = x.map { $0 / scale }
            let norm = scaled.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return scaled.map { $0 / norm }
        }
        guard var u = normalized([Double](repeating: 1, count: c)) else { return nil }
        for _ in 0..<2 {
            guard let half = normalized(solveUpper(u)), let next = normalized(solveLowerTransposed(half)) else {
                return nil
            }
            u = next
        }
        let image = solveUpper(u)
        let imageNorm = image.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard imageNorm.isFinite, imageNorm > 0, let v = normalized(image) else { return nil }
        let sigmaMin = 1 / imageNorm
        guard sigmaMin <= 1e-16 * frobenius / Double(c).squareRoot() else { return nil }
        // H = I − 2wwᵀ/(wᵀw) with H·v = ∓e₁; the columns 1..<c of T·H span T's action on v⊥.
        var w = v
        w[0] += v[0] >= 0 ? 1 : -1
        let ww = w.reduce(0) { $0 + $1 * $1 }
        var tw = [Double](repeating: 0, count: c)
        for j in 0..<c {
            for i in 0...j { tw[i] += t[j * c + i] * w[j] }
        }
        var deflated = [Double](repeating: 0, count: c * (c - 1))
        for j in 1..<c {
            let coefficient = 2 * w[j] / ww
            for i in 0..<c {
                let original = i <= j ? t[j * c + i] : 0
                deflated[(j - 1) * c + i] = original - coefficient * tw[i]
            }
        }
        let r = HouseholderQR.triangularFactor(deflated, rows: c, columns: c - 1)
        guard let inverse = LeastSquares.inverseIfWellConditioned(r, size: c - 1, columns: c - 1) else { return nil }
        var normR = 0.0
        var normInverse = 0.0
        for value in r { normR += value * value }
        for value in inverse { normInverse += value * value }
        guard (normR * normInverse).squareRoot() < 1e12 else { return nil }
        var projection = 0.0
        for i in 0..<c { projection += u[i] * z[i] }
        return tail + projection * projection
    }
}
