package import SibylAnalysis
package import SibylWire

/// Which series get a Holt-Winters forecast, and its shape (the `forecast` section).
///
/// The defaults: the season found in the data, the model chosen per series, the next 10 minutes, a 95 % prediction
/// interval; the step is the evaluation step. `season_length: 5` with `model: holt_winters` is the first system's. Series of objectives always get a forecast as well.
package struct ForecastConfiguration: Sendable, Hashable {
    /// PromQL series selectors; every stored series one of them matches gets a forecast (default none).
    package var selectors: [SeriesSelector]
    /// How far ahead the forecasts reach, ascending (default [10m]): each has its families and `horizon` label; the
    /// path is computed to the longest.
    package var horizons: [PrometheusDuration]
    /// The longest horizon, how far the path reaches (`horizon` in the file is the one-element `horizons`).
    package var horizon: PrometheusDuration {
        get { horizons.last ?? PrometheusDuration(milliseconds: 600_000) }
        set { horizons = [newValue] }
    }
    /// The season: found in each series' window (default), a fixed number of steps, or none (`season_length`).
    package var season: SeasonSetting
    /// The model, or `nil` (default, `model: auto`) to choose one per series by rolling-origin validation.
    package var model: ForecastModel?
    /// How often a series' season and model are chosen again (default 1h); in between, the fit reuses them.
    package var modelInterval = PrometheusDuration(milliseconds: 3_600_000)
    /// The time between two forecasts of a series (default 1m).
    package var interval: PrometheusDuration
    /// The central coverage of the prediction interval (default 0.95).
    package var level: Double
    /// How much history a series needs before its forecast is published; `nil` for the default,
    /// ``defaultMinimumHistory(step:longestWindow:)``.
    package var minHistory: PrometheusDuration?

    /// The forecasts scored together are those whose horizon ended this long ago at most (default 1h).
    package var scoringWindow = PrometheusDuration(milliseconds: 3_600_000)
    /// When a sample is anomalous (`anomaly`).
    package var anomaly = AnomalyConfiguration()

    /// When the newest sample counts as an anomaly: its score above `threshold` and its deviation from the forecast
    /// at least `minDeviation` and `minRelativeDeviation` of the forecast's magnitude.
    package struct AnomalyConfiguration: Sendable, Hashable {
        /// The score above which a sample is anomalous (default 1: outside the prediction interval).
        package var threshold = 1.0
        /// The least absolute deviation (default 0).
        package var minDeviation = 0.0
        /// The least deviation relative to the forecast (default 0).
        package var minRelativeDeviation = 0.0

        /// The defaults.
        package init() {}
    }

    /// The shortest default `min_history`: a fit over less swings with every new sample.
    package static let defaultMinimumHistoryFloor = PrometheusDuration(milliseconds: 1_800_000)

    /// Creates a forecast configuration.
    /// - Parameters:
    ///   - selectors: the series that get a forecast.
    ///   - horizon: how far ahead.
    ///   - season: the season.
    ///   - model: the model, or `nil` to choose.
    ///   - interval: the time between two forecasts.
    ///   - level: the prediction interval's coverage.
    ///   - minHistory: the history a series needs before its forecast is published, `nil` for the default.
    package init(
        selectors: [SeriesSelector] = [], horizon: PrometheusDuration = PrometheusDuration(milliseconds: 600_000),
        season: SeasonSetting = .automatic, model: ForecastModel? = nil,
        interval: PrometheusDuration = PrometheusDuration(milliseconds: 60_000),
        level: Double = 0.95, minHistory: PrometheusDuration? = nil
    ) {
        self.selectors = selectors
        self.horizons = [horizon]
        self.season = season
        self.model = model
        self.interval = interval
        self.level = level
        self.minHistory = minHistory
    }

    /// The default `min_history`: two seasons (2 × `season_length` steps, when fixed) or 30 minutes, whichever is longer, but
    /// never more than the longest window beyond two seasons (a series never holds more than that window).
    /// - Parameters:
    ///   - step: the evaluation step.
    ///   - longestWindow: the longest evaluation window.
    /// - Returns: the default.
    package func defaultMinimumHistory(
        step: PrometheusDuration, longestWindow: PrometheusDuration
    ) -> PrometheusDuration {
        let length: Int64 = if case .fixed(let steps) = season { Int64(steps) } else { 0 }
        let seasons = 2 * length * step.milliseconds
        let floor = min(Self.defaultMinimumHistoryFloor.milliseconds, longestWindow.milliseconds)
        return PrometheusDuration(milliseconds: max(seasons, floor))
    }

    /// The history a series needs before its forecast is published: `min_history`, or its default.
    /// - Parameters:
    ///   - step: the evaluation step.
    ///   - longestWindow: the longest evaluation window.
    /// - Returns: the minimum history.
    package func minimumHistory(step: PrometheusDuration, longestWindow: PrometheusDuration) -> PrometheusDuration {
        minHistory ?? defaultMinimumHistory(step: step, longestWindow: longestWindow)
    }
}
