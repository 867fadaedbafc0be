/// The Holt-Winters states after running the recursion through a series, and the SSE on the way.
public struct HoltWintersState: Sendable, Hashable {
    /// L_n, the level after the last observation.
    public var level: Double
    /// B_n, the slope after the last observation.
    public var trend: Double
    /// S_n..S_{n+m−1}, the seasonal effects of the next m steps.
    public var seasons: [Double]
    /// S_{n−1}, the seasonal value statsmodels uses for forecast steps m, 2m, … (algorithms.md §5.6).
    public var seasonBeforeLastUpdate: Double
    /// `SSE = Σ_t e_t²` of the one-step errors.
    public var sumOfSquaredErrors: Double
    /// n, the number of observations run.
    public var observationCount: Int

    /// Creates a state.
    /// - Parameters:
    ///   - level: L_n.
    ///   - trend: B_n.
    ///   - seasons: S_n..S_{n+m−1}.
    ///   - seasonBeforeLastUpdate: S_{n−1}.
    ///   - sumOfSquaredErrors: the SSE.
    ///   - observationCount: n.
    public init(
        level: Double, trend: Double, seasons: [Double], seasonBeforeLastUpdate: Double,
        sumOfSquaredErrors: Double, observationCount: Int
    ) {
        self.level = level
        self.trend = trend
        self.seasons = seasons
        self.seasonBeforeLastUpdate = seasonBeforeLastUpdate
        self.sumOfSquaredErrors = sumOfSquaredErrors
        self.observationCount = observationCount
    }
}
