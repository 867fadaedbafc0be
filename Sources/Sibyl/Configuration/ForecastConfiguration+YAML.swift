import SibylAnalysis
import Yams

extension ForecastConfiguration: ConfigurationSection {
    static let keys = [
        "selectors", "horizon", "horizons", "season_length", "model", "model_interval", "interval", "level",
        "min_history", "scoring_window", "anomaly",
    ]
    /// The keys of `forecast.anomaly`.
    static let anomalyKeys = ["threshold", "min_deviation", "min_relative_deviation"]
    /// The longest forecast horizon (one day).
    static let maximumHorizon = PrometheusDuration(milliseconds: 86_400_000)

    mutating func decode(_ mapping: ConfigurationMapping, with decoder: inout ConfigurationDecoder) {
        if let field = mapping["selectors"] {
            selectors = decoder.selectorList(field, requireOne: false)
        }
        if mapping["horizon"] != nil, let other = mapping["horizons"] {
            decoder.report(
                .invalidValue, at: other.keyPosition,
                "\(other.path): give horizon or horizons, not both (horizon: 10m is horizons: [10m])")
        } else if let field = mapping["horizon"] {
            if let value = horizon(field, with: &decoder) { horizon = value }
        } else if let field = mapping["horizons"], let elements = decoder.list(field, expected: "a list of durations") {
            var values: [PrometheusDuration] = []
            var valid = !elements.isEmpty
            if elements.isEmpty {
                decoder.report(
                    .invalidValue, at: field.valuePosition, "\(field.path): at least one horizon is required")
            }
            for element in elements {
                guard let value = horizon(element, with: &decoder) else {
                    valid = false
                    continue
                }
                if values.contains(value) {
                    decoder.report(
                        .duplicateValue, at: element.valuePosition, "\(field.path): duplicate horizon \(value)")
                    valid = false
                }
                values.append(value)
            }
            if valid { horizons = values.sorted() }
        }
        if let field = mapping["season_length"] {
            season = seasonSetting(field, with: &decoder) ?? season
        }
        if let field = mapping["model"] {
            let choices: KeyValuePairs<String, ForecastModel?> = [
                "auto": nil, "holt_winters": .holtWinters, "damped_holt_winters": .dampedHoltWinters,
                "damped_trend": .dampedTrend, "simple_exponential_smoothing": .simpleSmoothing,
                "seasonal_naive": .seasonalNaive, "naive": .naive,
            ]
            if let value = decoder.choice(field, choices) { model = value }
        }
        if let field = mapping["model_interval"] {
            modelInterval = decoder.positiveDuration(field) ?? modelInterval
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
    /// `season_length`: `auto`, `none` or a number of steps from 2 to 10,000.
    private func seasonSetting(
        _ field: ConfigurationField, with decoder: inout ConfigurationDecoder
    ) -> SeasonSetting? {
        guard case .scalar(let scalar) = field.value else {
            return decoder.integer(field, in: 2...10_000).map(SeasonSetting.fixed)
        }
        switch scalar.string {
        case "auto": return .automatic
        case "none": return SeasonSetting.none
        case let text where Int(text.filter { $0 != "_" }) == nil:
            decoder.report(
                .invalidValue, at: field.valuePosition,
                "\(field.path): expected \"auto\", \"none\" or a number of steps, got \"\(text)\"")
            return nil
        default: return decoder.integer(field, in: 2...10_000).map(SeasonSetting.fixed)
        }
    }

    /// One horizon: positive, at most a day, a whole number of evaluation steps.
    private func horizon(
        _ field: ConfigurationField, with decoder: inout ConfigurationDecoder
    ) -> PrometheusDuration? {
        guard let value = decoder.positiveDuration(field) else { return nil }
        if value.milliseconds > Self.maximumHorizon.milliseconds {
            decoder.report(
                .invalidValue, at: field.valuePosition,
                "\(field.path): must be at most \(Self.maximumHorizon), got \(value)")
            return nil
        }
        if let step = decoder.evaluationStep, value.milliseconds % step.milliseconds != 0 {
            decoder.report(
                .invalidValue, at: field.valuePosition,
                "\(field.path): \(value) is not a whole number of evaluation steps (\(step)); the forecast "
                    + "advances by steps")
            return nil
        }
        return value
    }

    /// The default horizon with a step that does not divide it becomes the steps that cover it, so that the
    /// `horizon` label says what is forecast (a horizon set in the file must be whole steps: an error otherwise).
    mutating func coverWholeSteps(of step: PrometheusDuration) {
        guard step.milliseconds > 0, horizon.milliseconds % step.milliseconds != 0 else { return }
        let steps = (horizon.milliseconds + step.milliseconds - 1) / step.milliseconds
        horizon = PrometheusDuration(milliseconds: steps * step.milliseconds)
    }
}
