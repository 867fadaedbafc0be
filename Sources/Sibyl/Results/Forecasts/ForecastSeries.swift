import SibylAnalysis
package import SibylWire

/// Turns forecasts into the `sibyl_forecast_*` families, keeping each source series' labels (``SourceLabels``).
package struct ForecastSeries: Sendable {
    /// The horizon's label value (`10m`).
    package let horizon: String

    /// Creates a builder.
    /// - Parameter horizon: the horizon as it appears in the label `horizon`.
    package init(horizon: String) {
        self.horizon = horizon
    }

    /// Builds the families of one forecast run.
    /// - Parameter results: per series, its forecast or why there is none.
    /// - Returns: the families.
    package func families(for results: [SeriesForecastResult]) -> [MetricFamily] {
        typealias Families = ForecastFamilies
        var max = Families.max.family()
        var min = Families.min.family()
        var avg = Families.avg.family()
        var lower = Families.lower.family()
        var upper = Families.upper.family()
        var rmse = Families.rmse.family()
        var smoothing = Families.smoothing.family()
        for result in results {
            guard case .success(let forecast) = result.outcome else { continue }
            let base = SourceLabels.base(result.labels)
            guard let horizonLabels = SourceLabels.blocks(base, "horizon", [horizon])?.first,
                let plain = try? RenderedLabels(base),
                let parameters = SourceLabels.blocks(base, "parameter", ["level", "trend", "seasonal"])
            else { continue }
            let summary = forecast.summary
            max.append(horizonLabels, summary.maximum)
            min.append(horizonLabels, summary.minimum)
            avg.append(horizonLabels, summary.mean)
            lower.append(horizonLabels, summary.lowerMinimum)
            upper.append(horizonLabels, summary.upperMaximum)
            rmse.append(plain, summary.rootMeanSquaredError)
            let parameterValues = [summary.smoothingLevel, summary.smoothingTrend, summary.smoothingSeasonal]
            for (labels, value) in zip(parameters, parameterValues) { smoothing.append(labels, value) }
        }
        return [avg, lower, max, min, rmse, smoothing, upper]
    }
}
