import SibylWire

extension EvaluationState.Configuration {
    /// The evaluation settings of a loaded configuration: the series of `selectors` and of `forecast.selectors`
    /// are read (a forecast needs its series), the windows and the series limit as configured.
    /// - Parameter configuration: the loaded configuration.
    package init(_ configuration: SibylConfiguration) {
        var selectors = configuration.selectors
        for selector in configuration.forecast.selectors where !selectors.contains(selector) {
            selectors.append(selector)
        }
        self.init(
            selectors: selectors.map(\.matchers),
            windows: configuration.evaluation.windows.map(\.milliseconds),
            maxSeries: configuration.limits.maxSeries)
        maxBytes = configuration.limits.maxBytes
        histogramQuantiles = configuration.analysis.histogramQuantiles
        histogramThresholds = configuration.analysis.histogramThresholds
        shard = configuration.sharding.filter
        shardRefresh = configuration.sharding.refreshInterval.milliseconds
    }
}
