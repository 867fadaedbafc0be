/// What the pipeline reports about a forecast over a horizon .
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
    /// The fitted smoothing parameters (`nil` where the model has none).
    public var smoothing: SmoothingParameters
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
    ///   - smoothing: the fitted smoothing parameters.
    ///   - sumOfSquaredErrors: SSE.
    ///   - rootMeanSquaredError: RMSE.
    public init(
        steps: Int, maximum: Double, minimum: Double, mean: Double, lowerMinimum: Double, upperMaximum: Double,
        smoothing: SmoothingParameters, sumOfSquaredErrors: Double,
        rootMeanSquaredError: Double
    ) {
        self.steps = steps
        self.maximum = maximum
        self.minimum = minimum
        self.mean = mean
        self.lowerMinimum = lowerMinimum
        self.upperMaximum = upperMaximum
        self.smoothing = smoothing
        self.sumOfSquaredErrors = sumOfSquaredErrors
        self.rootMeanSquaredError = rootMeanSquaredError
    }
}
