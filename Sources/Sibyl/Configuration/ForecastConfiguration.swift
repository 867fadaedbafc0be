package import SibylWire

/// Which series get a Holt-Winters forecast, and its shape (the `forecast` section).
///
/// The defaults are the first system's: season length 5, the next 10 minutes, a 95 % prediction interval; the
/// step is the evaluation step. Series of objectives always get a forecast as well.
package struct ForecastConfiguration: Sendable, Hashable {
    /// PromQL series selectors; every stored series one of them matches gets a forecast (default none).
    package var selectors: [SeriesSelector]
    /// How far ahead the forecast reaches (default 10m).
    package var horizon: PrometheusDuration
    /// The season length m in steps (default 5).
    package var seasonLength: Int
    /// The time between two forecasts of a series (default 1m).
    package var interval: PrometheusDuration
    /// The central coverage of the prediction interval (default 0.95).
    package var level: Double

    /// Creates a forecast configuration.
    /// - Parameters:
    ///   - selectors: the series that get a forecast.
    ///   - horizon: how far ahead.
    ///   - seasonLength: the season length in steps.
    ///   - interval: the time between two forecasts.
    ///   - level: the prediction interval's coverage.
    package init(
        selectors: [SeriesSelector] = [], horizon: PrometheusDuration = PrometheusDuration(milliseconds: 600_000),
        seasonLength: Int = 5, interval: PrometheusDuration = PrometheusDuration(milliseconds: 60_000),
        level: Double = 0.95
    ) {
        self.selectors = selectors
        self.horizon = horizon
        self.seasonLength = seasonLength
        self.interval = interval
        self.level = level
    }
}
