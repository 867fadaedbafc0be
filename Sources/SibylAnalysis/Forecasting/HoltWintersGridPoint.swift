/// A point of statsmodels' brute-force start grid over the direct smoothing parameters, with its SSE.
public struct HoltWintersGridPoint: Sendable, Hashable {
    /// α.
    public var alpha: Double
    /// β.
    public var beta: Double
    /// γ.
    public var gamma: Double
    /// SSE at `(α, β, γ)` with the start states of ``HoltWintersInitialization``.
    public var sumOfSquaredErrors: Double

    /// Creates a grid point.
    /// - Parameters:
    ///   - alpha: α.
    ///   - beta: β.
    ///   - gamma: γ.
    ///   - sumOfSquaredErrors: its SSE.
    public init(alpha: Double, beta: Double, gamma: Double, sumOfSquaredErrors: Double) {
        self.alpha = alpha
        self.beta = beta
        self.gamma = gamma
        self.sumOfSquaredErrors = sumOfSquaredErrors
    }
}
