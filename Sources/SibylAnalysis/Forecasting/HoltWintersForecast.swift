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

extension HoltWintersForecast {
    /// The forecast with the symmetric Gaussian interval `value_h ∓ z·√var_h`.
    /// - Parameters:
    ///   - values: point forecasts.
    ///   - variances: their error variances.
    ///   - normalQuantile: z.
    public init(values: [Double], variances: [Double], normalQuantile: Double) {
        let halfWidths = variances.map { normalQuantile * $0.squareRoot() }
        self.init(
            values: values, lower: zip(values, halfWidths).map { $0 - $1 },
            upper: zip(values, halfWidths).map { $0 + $1 }, variances: variances)
    }

    /// Checks a forecast request.
    /// - Throws: `AnalysisError.invalidArgument` for `steps < 1` or a negative or non-finite z.
    static func validate(steps: Int, normalQuantile: Double) throws {
        guard steps >= 1 else { throw AnalysisError.invalidArgument("forecast steps must be at least 1, got \(steps)") }
        guard normalQuantile >= 0, normalQuantile.isFinite else {
            throw AnalysisError.invalidArgument("normal quantile must be finite and ≥ 0, got \(normalQuantile)")
        }
    }
}
