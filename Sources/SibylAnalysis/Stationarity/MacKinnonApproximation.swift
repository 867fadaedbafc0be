/// MacKinnon's approximate p-values and critical values of the Dickey–Fuller t-statistic for one series.
public enum MacKinnonApproximation {
    /// `p = Φ(c₀ + c₁τ + c₂τ² [+ c₃τ³])`, 1 above τ_max and 0 below τ_min (statsmodels
    /// `mackinnonp(τ, regression, N=1)`, MacKinnon 1994; small-p coefficients at or below τ*, large-p above;
    /// algorithms.md §2.7).
    /// - Parameters:
    ///   - statistic: the ADF t-statistic τ.
    ///   - regression: the deterministic terms of the test regression.
    /// - Returns: the approximate p-value; NaN for a NaN statistic.
    public static func pValue(statistic tau: Double, regression: AugmentedDickeyFuller.Regression) -> Double {
        guard let table = MacKinnonTables.pValue[regression.rawValue] else { return .nan }
        if tau > table.tauMax { return 1 }
        if tau < table.tauMin { return 0 }
        let coefficients = tau <= table.tauStar ? table.smallP : table.largeP
        var z = 0.0
        for c in coefficients.reversed() { z = z * tau + c }
        return NormalDistribution.cdf(z)
    }

    /// `crit = b₀ + b₁/T + b₂/T² + b₃/T³` at `T = nobs` for 1 %, 5 %, 10 % (statsmodels
    /// `mackinnoncrit(1, regression, nobs)`, MacKinnon 2010; the `n` row is the 1996 one; algorithms.md §2.8).
    /// - Parameters:
    ///   - observationCount: `nobs` of the final ADF regression.
    ///   - regression: the deterministic terms of the test regression.
    /// - Returns: the three critical values.
    public static func criticalValues(
        observationCount: Int, regression: AugmentedDickeyFuller.Regression
    ) -> AugmentedDickeyFuller.CriticalValues {
        guard let table = MacKinnonTables.criticalValues[regression.rawValue] else {
            return .init(onePercent: .nan, fivePercent: .nan, tenPercent: .nan)
        }
        let u = 1.0 / Double(observationCount)
        func evaluate(_ b: [Double]) -> Double {
            var value = 0.0
            for c in b.reversed() { value = value * u + c }
            return value
        }
        return .init(
            onePercent: evaluate(table.onePercent),
            fivePercent: evaluate(table.fivePercent),
            tenPercent: evaluate(table.tenPercent)
        )
    }
}
