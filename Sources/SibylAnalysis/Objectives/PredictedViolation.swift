/// Whether a forecast path leaves an ``AllowedRange`` through one bound within its horizon, and when.
///
/// The forecast holds values at steps `k = 1…h` after the last observation, `step` apart. For the bound
/// `max` (symmetrically `min`):
///
/// - the point forecast violates it when some `value_k > max` (a value on the bound is inside, as in
///   ``WindowCompliance``); the first such `k` gives ``stepsUntilViolation`` and `k × step` the ETA;
/// - ``predictedExtreme`` is the largest value of the path (the smallest for `min`), whether or not it crosses;
/// - the prediction interval violates it when some `upper_k > max` (`lower_k < min` for `min`), reported
///   apart from the point forecast, with its own first step.
///
/// Example: step 5 s, max 100, path 90, 95, 100, 105, 110: violated, first at k = 4, ETA 20 s, extreme 110.
public struct PredictedViolation: Sendable, Hashable {
    /// The bound this prediction is about.
    public let bound: AllowedRange.Bound
    /// The bound's value.
    public let limit: Double
    /// The first step `k` (1-based) whose point forecast is beyond the bound, or `nil` when none is.
    public let stepsUntilViolation: Int?
    /// `k × step` in seconds for the first violating step `k`, or `nil` when the path stays within the bound.
    public let secondsUntilViolation: Double?
    /// The most extreme point forecast towards the bound: the path's minimum for `min`, its maximum for `max`.
    public let predictedExtreme: Double
    /// The first step whose interval edge is beyond the bound; `nil` when none is or no interval was given.
    public let stepsUntilIntervalViolation: Int?
    /// Whether the prediction interval crosses the bound; `nil` when no interval was given.
    public let intervalViolates: Bool?

    /// Whether the point forecast crosses the bound within the horizon (the 0/1 flag).
    public var isPredicted: Bool { stepsUntilViolation != nil }

    /// Judges the point forecast `path` and the interval edge `intervalEdge` against one bound.
    /// - Parameters:
    ///   - bound: which bound `limit` is.
    ///   - limit: the bound's value, finite.
    ///   - path: point forecasts for steps 1…h, at least one, none NaN.
    ///   - intervalEdge: the interval edge facing the bound (lower for `min`, upper for `max`), as long as
    ///     `path` and without NaN, or `nil`.
    ///   - stepMilliseconds: the spacing of the forecast steps, positive.
    /// - Throws: `AnalysisError.tooShort` for an empty path, `.nonFinite` for a NaN forecast or limit that is
    ///   not finite, `.invalidArgument` for a length mismatch or a step that is not positive.
    public init(
        bound: AllowedRange.Bound, limit: Double, path: [Double], intervalEdge: [Double]?, stepMilliseconds: Int64
    ) throws {
        guard !path.isEmpty else { throw AnalysisError.tooShort("a forecast path needs at least one step") }
        guard stepMilliseconds > 0 else {
            throw AnalysisError.invalidArgument("forecast step must be positive, got \(stepMilliseconds) ms")
        }
        guard limit.isFinite else { throw AnalysisError.nonFinite("the \(bound.rawValue) bound is \(limit)") }
        if let intervalEdge, intervalEdge.count != path.count {
            throw AnalysisError.invalidArgument(
                "forecast has \(path.count) steps but its interval \(intervalEdge.count)")
        }
        // Orient everything so that "beyond the bound" is "greater than the limit".
        let sign: Double = bound == .max ? 1 : -1
        let (firstStep, extreme) = try Self.firstStepBeyond(sign * limit, path, sign: sign)
        self.bound = bound
        self.limit = limit
        stepsUntilViolation = firstStep
        secondsUntilViolation = firstStep.map { Double($0) * Double(stepMilliseconds) / 1000 }
        predictedExtreme = sign * extreme
        if let intervalEdge {
            let (intervalStep, _) = try Self.firstStepBeyond(sign * limit, intervalEdge, sign: sign)
            stepsUntilIntervalViolation = intervalStep
            intervalViolates = intervalStep != nil
        } else {
            stepsUntilIntervalViolation = nil
            intervalViolates = nil
        }
    }

    /// One prediction per bound of `range`, `min` first.
    /// - Parameters:
    ///   - forecast: point forecasts for steps 1…h after the last observation (e.g. ``HoltWintersForecast/values``).
    ///   - lower: the interval's lower edge per step, or `nil`.
    ///   - upper: the interval's upper edge per step, or `nil`.
    ///   - stepMilliseconds: the spacing of the forecast steps.
    ///   - range: the allowed range.
    /// - Returns: a prediction for `min` when the range has one, then for `max`.
    /// - Throws: as ``init(bound:limit:path:intervalEdge:stepMilliseconds:)``.
    public static func predictions(
        forecast: [Double], lower: [Double]?, upper: [Double]?, stepMilliseconds: Int64, range: AllowedRange
    ) throws -> [PredictedViolation] {
        try range.bounds.compactMap { bound in
            guard let limit = range.limit(bound) else { return nil }
            return try PredictedViolation(
                bound: bound, limit: limit, path: forecast, intervalEdge: bound == .min ? lower : upper,
                stepMilliseconds: stepMilliseconds)
        }
    }

    /// The first 1-based step with `sign·x > orientedLimit`, and the largest `sign·x`.
    private static func firstStepBeyond(
        _ orientedLimit: Double, _ path: [Double], sign: Double
    ) throws -> (step: Int?, extreme: Double) {
        var first: Int?
        var extreme = -Double.infinity
        for (offset, value) in path.enumerated() {
            guard !value.isNaN else { throw AnalysisError.nonFinite("forecast step \(offset + 1) is NaN") }
            let oriented = sign * value
            if first == nil, oriented > orientedLimit { first = offset + 1 }
            if oriented > extreme { extreme = oriented }
        }
        return (first, extreme)
    }
}
