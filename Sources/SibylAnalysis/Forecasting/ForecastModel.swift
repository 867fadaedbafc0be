/// The forecasting models Sibyl chooses from per series (``ForecastModelSelector``), named as the `model` label of
/// `sibyl_forecast_model_info` names them.
public enum ForecastModel: String, Sendable, Hashable, CaseIterable, Codable {
    /// Exponential smoothing of the level alone (statsmodels `ExponentialSmoothing(trend=None, seasonal=None)`).
    case simpleSmoothing = "simple_exponential_smoothing"
    /// Additive damped trend without a season (`trend="add", damped_trend=True`).
    case dampedTrend = "damped_trend"
    /// Additive Holt-Winters: additive trend and season (`trend="add", seasonal="add"`), the first system's model.
    case holtWinters = "holt_winters"
    /// Additive damped trend and additive season (`trend="add", damped_trend=True, seasonal="add"`).
    case dampedHoltWinters = "damped_holt_winters"
    /// The value one season before (`ŷ_{n+h} = y_{n+h−m·k}`).
    case seasonalNaive = "seasonal_naive"
    /// The last value (seasonal naive with a season of one step).
    case naive = "naive"

    /// Whether the model needs a season.
    public var isSeasonal: Bool {
        switch self {
        case .holtWinters, .dampedHoltWinters, .seasonalNaive: true
        case .simpleSmoothing, .dampedTrend, .naive: false
        }
    }

    /// The candidates for a series with season `season` (`nil`: none), simplest first, so that a tie in the
    /// validation goes to the simpler model; the last is the benchmark every choice must beat, the seasonal naive
    /// forecast (the naive one without a season).
    /// - Parameter season: the season in steps, or `nil`.
    /// - Returns: the candidates.
    public static func candidates(season: Int?) -> [ForecastModel] {
        season == nil
            ? [.simpleSmoothing, .dampedTrend, .naive]
            : [.simpleSmoothing, .dampedTrend, .holtWinters, .dampedHoltWinters, .seasonalNaive]
    }
}
