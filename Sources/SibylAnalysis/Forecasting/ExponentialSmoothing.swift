/// An additive exponential smoothing model of statsmodels 0.15's `ExponentialSmoothing` family at given parameters:
/// level, optionally an additive (optionally damped) trend, optionally an additive season of period m.
///
/// The recursion is statsmodels' `_predict` in its order of operations (algorithms.md §5.7), with `φ = 1` for an
/// undamped trend and the trend and season terms left out where the model has none:
///
///     T_t = L_t + φ·B_t,   ŷ_t = T_t + S_t,   e_t = y_t − ŷ_t
///     L_{t+1} = (α·y_t − α·S_t) + (1 − α)·T_t            (no season: α·y_t + (1 − α)·T_t)
///     B_{t+1} = β·(L_{t+1} − L_t) + (1 − β)·(φ·B_t)
///     S_{t+m} = (γ·y_t − γ·T_t) + (1 − γ)·S_t
///
/// Fit one with ``fit(_:form:)``.
public struct ExponentialSmoothing: Sendable, Hashable {
    /// α, statsmodels' `smoothing_level`.
    public var smoothingLevel: Double
    /// β, statsmodels' `smoothing_trend` (Holt-Winters form), `nil` without a trend.
    public var smoothingTrend: Double?
    /// φ, statsmodels' `damping_trend`, `nil` for an undamped trend or none.
    public var dampingTrend: Double?
    /// γ, statsmodels' `smoothing_seasonal`, `nil` without a season.
    public var smoothingSeasonal: Double?
    /// l0, statsmodels' `initial_level`.
    public var initialLevel: Double
    /// b0, statsmodels' `initial_trend` (0 without a trend).
    public var initialTrend: Double
    /// s0..s_{m−1}, statsmodels' `initial_seasons` (empty without a season).
    public var initialSeasons: [Double]

    /// Creates a model from its parameters (not validated; the fit produces valid ones).
    /// - Parameters:
    ///   - smoothingLevel: α.
    ///   - smoothingTrend: β, or `nil` for no trend.
    ///   - dampingTrend: φ, or `nil` for no damping.
    ///   - smoothingSeasonal: γ, or `nil` for no season.
    ///   - initialLevel: l0.
    ///   - initialTrend: b0 (ignored without a trend).
    ///   - initialSeasons: s0..s_{m−1} (empty without a season).
    public init(
        smoothingLevel: Double, smoothingTrend: Double? = nil, dampingTrend: Double? = nil,
        smoothingSeasonal: Double? = nil, initialLevel: Double, initialTrend: Double = 0,
        initialSeasons: [Double] = []
    ) {
        self.smoothingLevel = smoothingLevel
        self.smoothingTrend = smoothingTrend
        self.dampingTrend = dampingTrend
        self.smoothingSeasonal = smoothingSeasonal
        self.initialLevel = initialLevel
        self.initialTrend = smoothingTrend == nil ? 0 : initialTrend
        self.initialSeasons = smoothingSeasonal == nil ? [] : initialSeasons
    }

    /// The seasonal period m (0 without a season).
    public var seasonalPeriods: Int { initialSeasons.count }

    /// Runs the recursion through `y` and returns the final states and the SSE.
    /// - Parameter y: the observations, all finite.
    /// - Returns: L_n, B_n, S_n..S_{n+m−1} and S_{n−1} (empty and 0 without a season), and `SSE = Σ e_t²`.
    /// - Throws: `AnalysisError.tooShort` for an empty series, `.nonFinite` for NaN or ±∞ in `y`.
    public func filter(_ y: [Double]) throws -> HoltWintersState {
        guard !y.isEmpty else { throw AnalysisError.tooShort("exponential smoothing needs an observation") }
        guard y.allSatisfy(\.isFinite) else { throw AnalysisError.nonFinite("series holds NaN or infinite values") }
        return run(y)
    }

    /// Runs the recursion through `y` (no checks).
    func run(_ y: [Double]) -> HoltWintersState {
        recurse(y, bound: .infinity, errors: nil, keepState: true).state
            ?? HoltWintersState(
                level: .nan, trend: .nan, seasons: [], seasonBeforeLastUpdate: .nan, sumOfSquaredErrors: .nan,
                observationCount: y.count)
    }

    /// The SSE over `y`, or `nil` once the running sum exceeds `bound` (it never decreases).
    func sumOfSquaredErrors(_ y: [Double], bound: Double = .infinity) -> Double? {
        let result = recurse(y, bound: bound, errors: nil, keepState: false)
        return result.completed ? result.sse : nil
    }

    /// The one-step errors `e_t = y_t − ŷ_t` into `errors` (count n); returns the SSE.
    func errors(_ y: [Double], into errors: UnsafeMutablePointer<Double>) -> Double {
        recurse(y, bound: .infinity, errors: errors, keepState: false).sse
    }

    /// The recursion: stores the errors when asked, stops once the SSE exceeds `bound`, and returns the final
    /// states when `keepState` is set and the run completed.
    private func recurse(
        _ y: [Double], bound: Double, errors: UnsafeMutablePointer<Double>?, keepState: Bool
    ) -> (completed: Bool, sse: Double, state: HoltWintersState?) {
        let alpha = smoothingLevel
        let hasTrend = smoothingTrend != nil
        let beta = smoothingTrend ?? 0
        let phi = dampingTrend ?? 1
        let hasSeason = smoothingSeasonal != nil
        let gamma = smoothingSeasonal ?? 0
        let period = initialSeasons.count
        var ring = hasSeason ? initialSeasons : [0]
        var level = initialLevel
        var trend = hasTrend ? initialTrend : 0
        var sse = 0.0
        var slot = 0
        var lastOverwritten = 0.0
        let completed = ring.withUnsafeMutableBufferPointer { seasons in
            for (index, value) in y.enumerated() {
                let damped = phi * trend
                let levelTrend = hasTrend ? level + damped : level
                let season = hasSeason ? seasons[slot] : 0
                let error = hasSeason ? value - (levelTrend + season) : value - levelTrend
                errors?[index] = error
                sse += error * error
                if sse > bound { return false }
                let newLevel =
                    hasSeason
                    ? (alpha * value - alpha * season) + (1 - alpha) * levelTrend
                    : alpha * value + (1 - alpha) * levelTrend
                if hasTrend { trend = beta * (newLevel - level) + (1 - beta) * damped }
                if hasSeason {
                    seasons[slot] = (gamma * value - gamma * levelTrend) + (1 - gamma) * season
                    lastOverwritten = season
                    slot += 1
                    if slot == period { slot = 0 }
                }
                level = newLevel
            }
            return true
        }
        guard completed, keepState else { return (completed, sse, nil) }
        let state = HoltWintersState(
            level: level, trend: trend, seasons: hasSeason ? Array(ring[slot...] + ring[..<slot]) : [],
            seasonBeforeLastUpdate: lastOverwritten, sumOfSquaredErrors: sse, observationCount: y.count)
        return (true, sse, state)
    }
}
