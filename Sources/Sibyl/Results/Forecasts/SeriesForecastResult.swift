public import SibylAnalysis
public import SibylWire

/// The forecast of one stored series at one evaluation time, or why there is none.
public struct SeriesForecastResult: Sendable {
    /// The source series' label set.
    public var labels: [Label]
    /// The forecast, or the reason it could not be computed.
    public var outcome: Result<SeriesForecast, AnalysisError>
}
