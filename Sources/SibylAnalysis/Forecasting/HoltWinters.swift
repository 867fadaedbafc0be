/// Additive Holt-Winters (additive trend, additive season of period m, no damping) at given parameters.
///
/// The recursion is statsmodels 0.15 `ExponentialSmoothing(trend="add", seasonal="add")` in its order of
/// operations (algorithms.md §5.1), so SSE and forecast at statsmodels' parameters agree bit for bit:
///
///     ŷ_t = (L_t + B_t) + S_t,   e_t = y_t − ŷ_t
///     L_{t+1} = (α·y_t − α·S_t) + (1 − α)·(L_t + B_t)
///     B_{t+1} = β·(L_{t+1} − L_t) + (1 − β)·B_t
///     S_{t+m} = (γ·y_t − γ·(L_t + B_t)) + (1 − γ)·S_t
///
/// Fit one with ``fit(_:seasonalPeriods:)``.
public struct HoltWinters: Sendable, Hashable {
    /// The seasonal period of the seed pipeline (5 samples).
    public static let defaultSeasonalPeriods = 5

    /// α, statsmodels' `smoothing_level`.
    public let smoothingLevel: Double
    /// β, statsmodels' `smoothing_trend` (Holt-Winters form: the ETS slope gain is α·β).
    public let smoothingTrend: Double
    /// γ, statsmodels' `smoothing_seasonal`.
    public let smoothingSeasonal: Double
    /// l0, statsmodels' `initial_level`.
    public let initialLevel: Double
    /// b0, statsmodels' `initial_trend`.
    public let initialTrend: Double
    /// s0..s_{m−1}, statsmodels' `initial_seasons` (the seasonal effects of observations 0..m−1).
    public let initialSeasons: [Double]

    /// The seasonal period m (the number of initial seasons).
    public var seasonalPeriods: Int { initialSeasons.count }

    /// Creates a model from its parameters.
    /// - Parameters:
    ///   - smoothingLevel: α in [0, 1].
    ///   - smoothingTrend: β in [0, 1].
    ///   - smoothingSeasonal: γ in [0, 1].
    ///   - initialLevel: l0.
    ///   - initialTrend: b0.
    ///   - initialSeasons: s0..s_{m−1}, at least two.
    /// - Throws: `AnalysisError.invalidArgument` for fewer than two seasons or a smoothing parameter outside
    ///   [0, 1]; `.nonFinite` for a non-finite value.
    public init(
        smoothingLevel: Double, smoothingTrend: Double, smoothingSeasonal: Double,
        initialLevel: Double, initialTrend: Double, initialSeasons: [Double]
    ) throws {
        guard initialSeasons.count >= 2 else {
            throw AnalysisError.invalidArgument("seasonal period must be at least 2, got \(initialSeasons.count)")
        }
        let all = [smoothingLevel, smoothingTrend, smoothingSeasonal, initialLevel, initialTrend] + initialSeasons
        guard all.allSatisfy(\.isFinite) else {
            throw AnalysisError.nonFinite("Holt-Winters parameters must be finite")
        }
        for (name, value) in [("α", smoothingLevel), ("β", smoothingTrend), ("γ", smoothingSeasonal)]
        where !(0...1).contains(value) {
            throw AnalysisError.invalidArgument("smoothing parameter \(name) = \(value) is outside [0, 1]")
        }
        self.init(
            unchecked: smoothingLevel, smoothingTrend, smoothingSeasonal, initialLevel, initialTrend, initialSeasons)
    }

    /// Creates a model without validation (parameters produced by the fit).
    init(
        unchecked alpha: Double, _ beta: Double, _ gamma: Double, _ level: Double, _ trend: Double,
        _ seasons: [Double]
    ) {
        smoothingLevel = alpha
        smoothingTrend = beta
        smoothingSeasonal = gamma
        initialLevel = level
        initialTrend = trend
        initialSeasons = seasons
    }

    /// Runs the recursion (§5.1) through `y` and returns the final states and the SSE.
    /// - Parameter y: the observations, all finite.
    /// - Returns: L_n, B_n, S_n..S_{n+m−1}, S_{n−1} and `SSE = Σ e_t²`.
    /// - Throws: `AnalysisError.tooShort` for an empty series, `.nonFinite` for NaN or ±∞ in `y`.
    public func filter(_ y: [Double]) throws -> HoltWintersState {
        guard !y.isEmpty else { throw AnalysisError.tooShort("Holt-Winters needs at least one observation") }
        guard y.allSatisfy(\.isFinite) else { throw AnalysisError.nonFinite("series holds NaN or infinite values") }
        return HoltWintersRecursion.run(y, model: self)
    }

    /// The sum of squared one-step errors `Σ (y_t − ŷ_t)²` over `y` (statsmodels' `sse`).
    /// - Parameter y: the observations, all finite.
    /// - Returns: the SSE.
    /// - Throws: as ``filter(_:)``.
    public func sumOfSquaredErrors(_ y: [Double]) throws -> Double {
        try filter(y).sumOfSquaredErrors
    }
}
