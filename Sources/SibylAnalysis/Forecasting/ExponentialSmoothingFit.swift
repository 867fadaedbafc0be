/// A fitted ``ExponentialSmoothing`` model: its parameters and the states after the data.
public struct ExponentialSmoothingFit: Sendable, Hashable, FittedForecastModel {
    /// The fitted parameters.
    public var model: ExponentialSmoothing
    /// The states after the last observation, with the in-sample SSE.
    public var state: HoltWintersState

    /// Creates a fit.
    /// - Parameters:
    ///   - model: fitted parameters.
    ///   - state: states after the data (``ExponentialSmoothing/filter(_:)``).
    public init(model: ExponentialSmoothing, state: HoltWintersState) {
        self.model = model
        self.state = state
    }

    /// The in-sample SSE `Σ e_t²` at the fitted parameters.
    public var sumOfSquaredErrors: Double { state.sumOfSquaredErrors }

    /// The observations the model was fitted to.
    public var observationCount: Int { state.observationCount }

    /// α, and β, γ and φ where the model has them.
    public var smoothingParameters: SmoothingParameters {
        SmoothingParameters(
            level: model.smoothingLevel, trend: model.smoothingTrend, seasonal: model.smoothingSeasonal,
            damping: model.dampingTrend)
    }
}
