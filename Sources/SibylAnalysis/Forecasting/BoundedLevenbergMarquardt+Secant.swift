extension BoundedLevenbergMarquardt {
    /// The structured secant update of Dennis, Gay and Welsch (NL2SOL) of `S ≈ Σ r_i·∇²r_i` after an accepted
    /// step `s`: with `y = g⁺ − g` (the change of `Jᵀr`) and `y♯ = y − (J⁺ᵀJ⁺)·s`, `S` is first sized by
    /// `min(1, |sᵀy♯| / |sᵀSs|)`, then `S ← S + (v·yᵀ + y·vᵀ)/(yᵀs) − (vᵀs)·y·yᵀ/(yᵀs)²` with `v = y♯ − S·s`, so
    /// that `(J⁺ᵀJ⁺ + S)·s = y`. Skipped when `yᵀs ≤ 0`.
    static func updateSecant(
        _ secant: inout [Double], normal: [Double], step s: [Double], gradient: [Double], previousGradient: [Double]
    ) {
        let count = s.count
        var y = [Double](repeating: 0, count: count)
        var sharp = [Double](repeating: 0, count: count)
        var secantStep = [Double](repeating: 0, count: count)
        var sy = 0.0
        var sSharp = 0.0
        var sSs = 0.0
        for row in 0..<count {
            y[row] = gradient[row] - previousGradient[row]
            var normalStep = 0.0
            for column in 0..<count {
                normalStep += normal[row * count + column] * s[column]
                secantStep[row] += secant[row * count + column] * s[column]
            }
            sharp[row] = y[row] - normalStep
            sy += s[row] * y[row]
            sSharp += s[row] * sharp[row]
            sSs += s[row] * secantStep[row]
        }
        guard sy > 0, sy.isFinite else { return }
        if sSs != 0 {
            let size = min(1, abs(sSharp / sSs))
            for index in secant.indices { secant[index] *= size }
            for row in 0..<count { secantStep[row] *= size }
        }
        var v = [Double](repeating: 0, count: count)
        var vs = 0.0
        for row in 0..<count {
            v[row] = sharp[row] - secantStep[row]
            vs += v[row] * s[row]
        }
        guard vs.isFinite else { return }
        for row in 0..<count {
            for column in 0..<count {
                secant[row * count + column] +=
                    (v[row] * y[column] + y[row] * v[column]) / sy - vs * y[row] * y[column] / (sy * sy)
            }
        }
    }
}
