/// A fitted Holt-Winters model: parameters, the states after the data, and how the fit started.
public struct HoltWintersFit: Sendable, Hashable {
    /// The fitted parameters.
    public var model: HoltWinters
    /// The states after the last observation, with the in-sample SSE.
    public var state: HoltWintersState
    /// statsmodels' start states before optimisation.
    public var initialization: HoltWintersInitialization
    /// The start search's winner before the 1e-4 nudge off the bounds: statsmodels' `brute_force_start` with
    /// ``HoltWintersStartSearch/statsmodelsGrid``.
    public var gridStart: HoltWintersGridPoint

    /// Creates a fit.
    /// - Parameters:
    ///   - model: fitted parameters.
    ///   - state: states after the data.
    ///   - initialization: start states.
    ///   - gridStart: grid winner.
    public init(
        model: HoltWinters, state: HoltWintersState, initialization: HoltWintersInitialization,
        gridStart: HoltWintersGridPoint
    ) {
        self.model = model
        self.state = state
        self.initialization = initialization
        self.gridStart = gridStart
    }

    /// The in-sample SSE `Σ e_t²` (§5.1) at the fitted parameters.
    public var sumOfSquaredErrors: Double { state.sumOfSquaredErrors }
}
