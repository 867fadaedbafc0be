/// What the pipeline reports about a Holt-Winters forecast over a horizon.
public struct ForecastSummary: Sendable, Hashable {
    /// The horizon in steps.
    public var steps: Int
    /// Largest point forecast.
    public var maximum: Double
    /// Smallest point forecast.
    public var minimum: Double
    /// Mean of the point forecasts.
    public var mean: Double
    /// Smallest lower interval bound.
    public var lowerMinimum: Double
    /// Largest upper interval bound.
    public var upperMaximum: Double
    /// Fitted α.
    public var smoothingLevel: Double
    /// Fitted β.
    public var smoothingTrend: Double
    /// Fitted γ.
    public var smoothingSeasonal: Double
    /// In-sample SSE.
    public var sumOfSquaredErrors: Double
    /// In-sample root mean squared one-step error `√(SSE/n)`.
    public var rootMeanSquaredError: Double

    /// Creates a summary.
    /// - Parameters:
    ///   - steps: horizon.
    ///   - maximum: largest point forecast.
    ///   - minimum: smallest point forecast.
    ///   - mean: mean point forecast.
    ///   - lowerMinimum: smallest lower bound.
    ///   - upperMaximum: largest upper bound.
    ///   - smoothingLevel: α.
    ///   - smoothingTrend: β.
    ///   - smoothingSeasonal: γ.
    ///   - sumOfSquaredErrors: SSE.
    ///   - rootMeanSquaredError: RMSE.
    public init(
        steps: Int, maximum: Double, minimum: Double, mean: Double, lowerMinimum: Double, upperMaximum: Double,
        smoothingLevel: Double, smoothingTrend: Double, smoothingSeasonal: Double, sumOfSquaredErrors: Double,
        rootMeanSquaredError: Double
    ) {
        self.steps = steps
        self.maximum = maximum
        self.minimum = minimum
        self.mean = mean
        self.lowerMinimum = lowerMinimum
        self.upperMaximum = upperMaximum
        self.smoothingLevel = smoothingLevel
        self.smoothingTrend = smoothingTrend
        self.smoothingSeasonal = smoothingSeasonal
        self.sumOfSquaredErrors = sumOfSquaredErrors
        self.rootMeanSquaredError = rootMeanSquaredError
    }
}
