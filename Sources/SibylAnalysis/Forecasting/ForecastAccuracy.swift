/// How far forecasts were from what happened, accumulated over their steps: MAE, RMSE, MASE and the share of actual
/// values inside the prediction interval.
///
/// MASE is Hyndman and Koehler's (2006): the forecast errors' mean absolute value over the in-sample mean absolute
/// error of the seasonal naive forecast (``naiveScale(_:season:)``), each forecast's errors divided by the scale of
/// the data it was fitted on, so that forecasts of different fits pool.
public struct ForecastAccuracy: Sendable, Hashable {
    /// Steps compared.
    public private(set) var count = 0
    /// Sum of the absolute errors.
    public private(set) var absoluteErrors = 0.0
    /// Sum of the squared errors.
    public private(set) var squaredErrors = 0.0
    /// Sum of the absolute errors, each over its forecast's naive scale (steps whose scale is not positive are left
    /// out).
    public private(set) var scaledErrors = 0.0
    /// Steps with a positive scale.
    public private(set) var scaledCount = 0
    /// Steps whose actual value lay inside the prediction interval (bounds included).
    public private(set) var inside = 0

    /// Nothing compared yet.
    public init() {}

    /// An accumulation with the counts and sums given, as ``add(actual:forecast:lower:upper:scale:)`` and
    /// ``merge(_:)`` leave them (one kept elsewhere and read back).
    /// - Parameters:
    ///   - count: steps compared.
    ///   - absoluteErrors: sum of the absolute errors.
    ///   - squaredErrors: sum of the squared errors.
    ///   - scaledErrors: sum of the scaled absolute errors.
    ///   - scaledCount: steps with a positive scale.
    ///   - inside: steps inside the prediction interval.
    public init(
        count: Int, absoluteErrors: Double, squaredErrors: Double, scaledErrors: Double, scaledCount: Int, inside: Int
    ) {
        self.count = count
        self.absoluteErrors = absoluteErrors
        self.squaredErrors = squaredErrors
        self.scaledErrors = scaledErrors
        self.scaledCount = scaledCount
        self.inside = inside
    }

    /// Adds one step: the actual value against the forecast and its interval.
    /// - Parameters:
    ///   - actual: what happened.
    ///   - forecast: the point forecast.
    ///   - lower: the interval's lower bound.
    ///   - upper: the interval's upper bound.
    ///   - scale: the naive in-sample MAE of the fit's data.
    public mutating func add(actual: Double, forecast: Double, lower: Double, upper: Double, scale: Double) {
        guard actual.isFinite, forecast.isFinite else { return }
        let error = abs(actual - forecast)
        count += 1
        absoluteErrors += error
        squaredErrors += error * error
        if scale > 0, scale.isFinite {
            scaledErrors += error / scale
            scaledCount += 1
        }
        if actual >= lower && actual <= upper { inside += 1 }
    }

    /// Adds another accumulation.
    public mutating func merge(_ other: ForecastAccuracy) {
        count += other.count
        absoluteErrors += other.absoluteErrors
        squaredErrors += other.squaredErrors
        scaledErrors += other.scaledErrors
        scaledCount += other.scaledCount
        inside += other.inside
    }

    /// The mean absolute error, `nil` before any step.
    public var meanAbsoluteError: Double? { count > 0 ? absoluteErrors / Double(count) : nil }
    /// The root mean squared error, `nil` before any step.
    public var rootMeanSquaredError: Double? { count > 0 ? (squaredErrors / Double(count)).squareRoot() : nil }
    /// The mean absolute scaled error, `nil` without a step of positive scale.
    public var meanAbsoluteScaledError: Double? { scaledCount > 0 ? scaledErrors / Double(scaledCount) : nil }
    /// The share of actual values inside the interval, `nil` before any step.
    public var intervalCoverage: Double? { count > 0 ? Double(inside) / Double(count) : nil }

    /// The in-sample mean absolute error of the seasonal naive forecast, `ŷₜ = yₜ₋ₘ`, over `values`:
    /// `Σ|yₜ − yₜ₋ₘ| / (n − m)`; with `season` 1, the naive forecast's. `nil` when `values` hold no more than one
    /// season.
    public static func naiveScale(_ values: [Double], season: Int) -> Double? {
        let lag = max(1, season)
        guard values.count > lag else { return nil }
        var sum = 0.0
        for index in lag..<values.count { sum += abs(values[index] - values[index - lag]) }
        return sum / Double(values.count - lag)
    }
}

/// The newest sample against the forecast made before it: 0 on the prediction, 1 at the prediction interval's edge,
/// above 1 outside (vmanomaly's `anomaly_score`).
public struct AnomalyScore: Sendable, Hashable {
    /// `|actual − forecast| / half-width of the interval`.
    public let score: Double
    /// `actual − forecast`.
    public let deviation: Double
    /// The point forecast.
    public let forecast: Double

    /// Scores `actual` against a forecast step.
    /// - Returns: `nil` when a value is not finite or the interval has no width.
    public init?(actual: Double, forecast: Double, lower: Double, upper: Double) {
        let half = (upper - lower) / 2
        guard actual.isFinite, forecast.isFinite, half > 0, half.isFinite else { return nil }
        deviation = actual - forecast
        score = abs(deviation) / half
        self.forecast = forecast
    }

    /// Whether the sample is anomalous: the score above `threshold`, and the deviation at least `minimumDeviation`
    /// and `minimumRelativeDeviation` of the forecast's magnitude (gates against flat series, whose narrow interval
    /// makes every wiggle score high).
    public func isAnomalous(threshold: Double, minimumDeviation: Double, minimumRelativeDeviation: Double) -> Bool {
        score > threshold && abs(deviation) >= minimumDeviation
            && abs(deviation) >= minimumRelativeDeviation * abs(forecast)
    }
}
