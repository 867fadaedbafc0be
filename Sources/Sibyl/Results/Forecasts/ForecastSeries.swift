import SibylAnalysis
package import SibylWire

/// Turns forecasts into the `sibyl_forecast_*` families, keeping each source series' labels (``SourceLabels``).
package struct ForecastSeries: Sendable {
    /// The horizons, ascending; the forecast path reaches the last.
    package let horizons: [ForecastHorizon]

    /// The `parameter` label's values: α, β, γ and φ (a model exposes those it has).
    static let parameterNames = ["level", "trend", "seasonal", "damping"]

    /// Creates a builder for one horizon, the whole path.
    /// - Parameter horizon: the horizon as it appears in the label `horizon`.
    package init(horizon: String) {
        horizons = [ForecastHorizon(label: horizon, steps: .max)]
    }

    /// Creates a builder for several horizons.
    /// - Parameter horizons: the horizons, ascending.
    package init(horizons: [ForecastHorizon]) {
        self.horizons = horizons
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
        var model = Families.modelInfo.family()
        var season = Families.seasonSteps.family()
        for result in results {
            guard case .success(let forecast) = result.outcome else { continue }
            let base = SourceLabels.base(result.labels)
            guard let horizonLabels = SourceLabels.blocks(base, "horizon", horizons.map(\.label)),
                let plain = try? RenderedLabels(base),
                let parameters = SourceLabels.blocks(base, "parameter", Self.parameterNames),
                let modelLabels = SourceLabels.blocks(base, "model", [forecast.choice.model.rawValue])
            else { continue }
            for (labels, horizon) in zip(horizonLabels, horizons) {
                let summary =
                    horizon.steps >= forecast.path.values.count
                    ? forecast.summary : forecast.summary.horizon(forecast.path, steps: horizon.steps)
                max.append(labels, summary.maximum)
                min.append(labels, summary.minimum)
                avg.append(labels, summary.mean)
                lower.append(labels, summary.lowerMinimum)
                upper.append(labels, summary.upperMaximum)
            }
            let summary = forecast.summary
            rmse.append(plain, summary.rootMeanSquaredError)
            model.append(modelLabels[0], 1)
            season.append(plain, Double(forecast.choice.season ?? 0))
            let fitted = summary.smoothing
            for (labels, value) in zip(parameters, [fitted.level, fitted.trend, fitted.seasonal, fitted.damping]) {
                if let value { smoothing.append(labels, value) }
            }
        }
        return [avg, lower, max, min, rmse, smoothing, upper, model, season]
    }
}
