package import SibylAnalysis
package import SibylWire

/// The forecast of one stored series at one evaluation time, or why there is none.
package struct SeriesForecastResult: Sendable {
    /// The source series' label set.
    package var labels: [Label]
    /// The forecast, or the reason it could not be computed.
    package var outcome: Result<SeriesForecast, AnalysisError>
}
