package import SibylAnalysis

extension AnalysisRunner.Configuration {
    /// The analyses of a loaded configuration: metadata every `evaluation.metadata_interval` as `analysis` says,
    /// forecasts of `forecast.selectors` every `forecast.interval` as `forecast` says, both over the longest window;
    /// objectives judged at the evaluation step.
    /// - Parameter configuration: the loaded configuration.
    /// - Throws: `AnalysisError.invalidArgument` for a step that is not positive (the loader rejects it first).
    package init(_ configuration: SibylConfiguration) throws(AnalysisError) {
        let window = configuration.evaluation.longestWindow.milliseconds
        let analysis = configuration.analysis
        let forecast = configuration.forecast
        let forecaster = try ForecastEvaluator(
            configuration: forecast, step: configuration.evaluation.step, window: window)
        self.init(
            metadata: MetadataEvaluator(configuration: analysis, window: window),
            metadataSeries: MetadataSeries(alpha: analysis.stationarityAlpha, exportedLags: analysis.exportedLags),
            metadataInterval: configuration.evaluation.metadataInterval.milliseconds,
            forecast: forecaster,
            forecastSeries: ForecastSeries(horizon: forecast.horizon.description),
            forecastSelectors: forecast.selectors,
            forecastInterval: forecast.interval.milliseconds,
            slack: configuration.evaluation.interval.milliseconds / 2,
            objectives: ObjectiveEvaluator(step: configuration.evaluation.step.milliseconds, forecaster: forecaster),
            scoring: ForecastScorecard.Settings(
                scoringWindow: forecast.scoringWindow.milliseconds, threshold: forecast.anomaly.threshold,
                minimumDeviation: forecast.anomaly.minDeviation,
                minimumRelativeDeviation: forecast.anomaly.minRelativeDeviation, horizon: forecast.horizon.description))
    }
}
