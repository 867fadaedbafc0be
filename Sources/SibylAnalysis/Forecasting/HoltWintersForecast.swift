/// Point forecasts of a fitted Holt-Winters model with a symmetric prediction interval per step.
public struct HoltWintersForecast: Sendable, Hashable {
    /// The standard normal quantile for a central 95 % interval, Φ⁻¹(0.975).
    public static let normalQuantile95 = 1.959963984540054

    /// z of a central interval covering `level` (0.95 → Φ⁻¹(0.975)); NaN unless 0 < level < 1.
    /// - Parameter level: the coverage, e.g. 0.95.
    /// - Returns: Φ⁻¹((1 + level) / 2).
    public static func normalQuantile(level: Double) -> Double {
        guard level > 0, level < 1 else { return .nan }
        return NormalDistribution.quantile((1 + level) / 2)
    }

    /// statsmodels' point forecasts for h = 1…steps (algorithms.md §5.6).
    public var values: [Double]
    /// Lower bounds `value_h − z·√var_h`.
    public var lower: [Double]
    /// Upper bounds `value_h + z·√var_h`.
    public var upper: [Double]
    /// The forecast error variances var_h.
    public var variances: [Double]

    /// Creates a forecast.
    /// - Parameters:
    ///   - values: point forecasts.
    ///   - lower: lower bounds.
    ///   - upper: upper bounds.
    ///   - variances: error variances.
    public init(values: [Double], lower: [Double], upper: [Double], variances: [Double]) {
        self.values = values
        self.lower = lower
        self.upper = upper
        self.variances = variances
    }
}
