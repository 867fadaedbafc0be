extension ForecastConfiguration: ConfigurationSection {
    static let keys = [
        "selectors", "horizon", "season_length", "interval", "level", "min_history", "scoring_window", "anomaly",
    ]
    /// The keys of `forecast.anomaly`.
    static let anomalyKeys = ["threshold", "min_deviation", "min_relative_deviation"]
    /// The longest forecast horizon (one day).
    static let maximumHorizon = PrometheusDuration(milliseconds: 86_400_000)

    mutating func decode(_ mapping: ConfigurationMapping, with decoder: inout ConfigurationDecoder) {
        if let field = mapping["selectors"] {
            selectors = decoder.selectorList(field, requireOne: false)
        }
        if let field = mapping["horizon"], let value = decoder.positiveDuration(field) {
            if value.milliseconds > Self.maximumHorizon.milliseconds {
                decoder.report(
                    .invalidValue, at: field.valuePosition,
                    "\(field.path): must be at most \(Self.maximumHorizon), got \(value)")
            } else if let step = decoder.evaluationStep, value.milliseconds % step.milliseconds != 0 {
                decoder.report(
                    .invalidValue, at: field.valuePosition,
                    "\(field.path): \(value) is not a whole number of evaluation steps (\(step)); the forecast "
                        + "advances by steps")
            } else {
                horizon = value
            }
        }
        if let field = mapping["season_length"] {
            seasonLength = decoder.integer(field, in: 2...10_000) ?? seasonLength
        }
        if let field = mapping["interval"] {
            interval = decoder.positiveDuration(field) ?? interval
        }
        if let field = mapping["level"] {
            level = decoder.number(field, in: .openUnit) ?? level
        }
        if let field = mapping["scoring_window"] {
            scoringWindow = decoder.positiveDuration(field) ?? scoringWindow
        }
        if let field = mapping["anomaly"], let anomalyMapping = decoder.mapping(field, keys: Self.anomalyKeys) {
            if let field = anomalyMapping["threshold"] {
                anomaly.threshold = decoder.number(field, in: .nonNegative) ?? anomaly.threshold
            }
            if let field = anomalyMapping["min_deviation"] {
                anomaly.minDeviation = decoder.number(field, in: .nonNegative) ?? anomaly.minDeviation
            }
            if let field = anomalyMapping["min_relative_deviation"] {
                anomaly.minRelativeDeviation = decoder.number(field, in: .nonNegative) ?? anomaly.minRelativeDeviation
            }
        }
        if let field = mapping["min_history"], let value = decoder.duration(field) {
            if let window = decoder.longestWindow, value.milliseconds > window.milliseconds {
                decoder.report(
                    .invalidValue, at: field.valuePosition,
                    "\(field.path): \(value) is longer than the longest evaluation window (\(window)), the most "
                        + "history a series ever holds: no forecast would ever be published")
            } else {
                minHistory = value
            }
        }
    }
}

extension ForecastConfiguration {
    /// The default horizon with a step that does not divide it becomes the steps that cover it, so that the
    /// `horizon` label says what is forecast (a horizon set in the file must be whole steps: an error otherwise).
    mutating func coverWholeSteps(of step: PrometheusDuration) {
        guard step.milliseconds > 0, horizon.milliseconds % step.milliseconds != 0 else { return }
        let steps = (horizon.milliseconds + step.milliseconds - 1) / step.milliseconds
        horizon = PrometheusDuration(milliseconds: steps * step.milliseconds)
    }
}
