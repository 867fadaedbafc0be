import SibylAnalysis
import SibylWire

extension ObjectiveEvaluator {
    /// The traces of the first ``ObjectiveTrace/seriesPerObjective`` series of an objective (by label set): the
    /// last ``ObjectiveTrace/length`` of their judged values and their forecast band.
    /// - Parameters:
    ///   - specification: the objective.
    ///   - entries: the objective's series, as ``selection(of:in:)`` gives them (sorted by label set).
    ///   - now: the evaluation time T in milliseconds.
    ///   - forecast: the forecast of a series' judged values, if there is one.
    /// - Returns: one trace per series, at most ``ObjectiveTrace/seriesPerObjective``.
    func traces(
        _ specification: ObjectiveSpecification, entries: [SeriesStore.Entry], at now: Int64,
        forecast: ([Label]) -> Result<SeriesForecast, AnalysisError>?
    ) -> [ObjectiveTrace] {
        entries.prefix(ObjectiveTrace.seriesPerObjective).map { entry in
            // One step more, so that a rate has a value at the start of the hour.
            let values = judged(entry, specification, at: now, length: ObjectiveTrace.length + step)
            let band: ObjectiveTrace.Band? =
                switch forecast(entry.labels) {
                case .success(let forecast)?: ObjectiveTrace.Band(forecast)
                default: nil
                }
            return ObjectiveTrace(
                labels: entry.labels, timestamps: values.timestamps, values: values.values, forecast: band)
        }
    }
}
