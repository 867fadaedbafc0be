import Sibyl
import SibylAnalysis
import SibylWire
import Testing

struct AnalysisConfigurationTests {
    static let head = "source: {url: 'http://p/api/v1/read'}\nselectors: [up]\n"

    static func errors(_ yaml: String) -> [String] {
        do {
            _ = try SibylConfiguration(yaml: head + yaml, file: "t.yml")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test("the defaults are the first system's recipe")
    func defaults() {
        let analysis = SibylConfiguration().analysis
        #expect(analysis.regression == .constant)
        #expect(analysis.lagSelection == .aic)
        #expect(analysis.maximumLag == nil)
        #expect(analysis.stationarityAlpha == 0.05)
        #expect(analysis.exportedLags == 10)
        #expect(analysis.seasonalPeriod == 5)
        #expect(analysis.seasonalStride == 60)
        let forecast = SibylConfiguration().forecast
        #expect(forecast.selectors.isEmpty)
        #expect(forecast.horizon == PrometheusDuration(milliseconds: 600_000))
        #expect(forecast.season == .automatic)
        #expect(forecast.model == nil)
        #expect(forecast.modelInterval == PrometheusDuration(milliseconds: 3_600_000))
        #expect(forecast.interval == PrometheusDuration(milliseconds: 60_000))
        #expect(forecast.level == 0.95)
    }

    @Test("every analysis and forecast key is read")
    func full() throws {
        let configuration = try SibylConfiguration(
            yaml: Self.head + """
                analysis:
                  stationarity: {regression: ct, autolag: t-stat, max_lag: 12, alpha: 0.01}
                  acf: {exported_lags: 24}
                  seasonality: {period: 12, stride: 1}
                forecast:
                  selectors: ['node_load1', '{job="node"}']
                  horizon: 30m
                  season_length: 12
                  model: damped_trend
                  model_interval: 2h
                  interval: 5m
                  level: 0.8
                """, file: "t.yml")
        #expect(
            configuration.analysis
                == AnalysisConfiguration(
                    regression: .constantTrend, lagSelection: .tStatistic, maximumLag: 12, stationarityAlpha: 0.01,
                    exportedLags: 24, seasonalPeriod: 12, seasonalStride: 1))
        var want = ForecastConfiguration(
            selectors: [
                try SeriesSelector(parsing: "node_load1"), try SeriesSelector(parsing: "{job=\"node\"}"),
            ],
            horizon: PrometheusDuration(milliseconds: 1_800_000), season: .fixed(12), model: .dampedTrend,
            interval: PrometheusDuration(milliseconds: 300_000), level: 0.8)
        want.modelInterval = PrometheusDuration(milliseconds: 7_200_000)
        #expect(configuration.forecast == want)
    }

    @Test("bad values name their line, column and key")
    func badValues() {
        #expect(
            Self.errors("analysis:\n  stationarity: {alpha: 1.5, regression: x}\n") == [
                "t.yml:4:25: analysis.stationarity.alpha: must be between 0 and 1 (exclusive), got 1.5",
                "t.yml:4:42: analysis.stationarity.regression: expected \"n\", \"c\", \"ct\" or \"ctt\", got \"x\"",
            ])
        #expect(
            Self.errors("analysis:\n  stationarity: {autolag: none}\n") == [
                "t.yml:4:27: analysis.stationarity: autolag none tests at max_lag exactly, so max_lag is required"
            ])
        #expect(
            Self.errors("analysis: {acf: {lags: 3}}\n") == [
                "t.yml:3:18: unknown key \"lags\" in section analysis.acf"
            ])
        #expect(
            Self.errors("analysis: {seasonality: {period: 1}}\n") == [
                "t.yml:3:34: analysis.seasonality.period: must be between 2 and 100000, got 1"
            ])
        #expect(
            Self.errors("forecast: {level: abc, horizon: 0s, selectors: ['up{']}\n") == [
                "t.yml:3:19: forecast.level: expected a number, got \"abc\"",
                "t.yml:3:33: forecast.horizon: must be greater than zero, got 0s",
                "t.yml:3:53: forecast.selectors: invalid selector: expected label name or \"}\", found end of input",
            ])
        #expect(
            Self.errors("forecast: {horizon: 1000y}\n") == [
                "t.yml:3:21: forecast.horizon: must be at most 1d, got 1000y"
            ])
    }

    @Test("the horizon is a whole number of evaluation steps: refused with its position, or the default rounded up")
    func horizonInWholeSteps() throws {
        #expect(
            Self.errors("forecast: {horizon: 62s}\n") == [
                "t.yml:3:21: forecast.horizon: 1m2s is not a whole number of evaluation steps (5s); the forecast "
                    + "advances by steps"
            ])
        let configuration = try SibylConfiguration(
            yaml: "source: {url: 'http://p/api/v1/read'}\nevaluation: {step: 7s}\nselectors: [up]\n", file: "t.yml")
        #expect(configuration.forecast.horizon == PrometheusDuration(milliseconds: 602_000))
        #expect(configuration.forecast.horizon.description == "10m2s")
    }

    @Test("horizons: a list, sorted, each checked as horizon is; not beside horizon, none twice")
    func horizons() throws {
        let configuration = try SibylConfiguration(
            yaml: "source: {url: 'http://p/api/v1/read'}\nselectors: [up]\nforecast: {horizons: [1h, 10m]}\n",
            file: "t.yml")
        #expect(configuration.forecast.horizons.map(\.description) == ["10m", "1h"])
        #expect(configuration.forecast.horizon.description == "1h")
        #expect(
            Self.errors("forecast: {horizon: 10m, horizons: [1h]}\n") == [
                "t.yml:3:26: forecast.horizons: give horizon or horizons, not both (horizon: 10m is horizons: [10m])"
            ])
        #expect(
            Self.errors("forecast: {horizons: [10m, 62s, 10m]}\n") == [
                "t.yml:3:28: forecast.horizons: 1m2s is not a whole number of evaluation steps (5s); the forecast "
                    + "advances by steps",
                "t.yml:3:33: forecast.horizons: duplicate horizon 10m",
            ])
    }

    @Test("a horizon of more steps than a forecast may have is refused when the evaluator is made, never allocated")
    func horizonInSteps() throws {
        let forecast = ForecastConfiguration(horizon: PrometheusDuration(milliseconds: 86_400_000))
        #expect(throws: AnalysisError.self) {
            try ForecastEvaluator(
                configuration: forecast, step: PrometheusDuration(milliseconds: 100), window: 3_600_000)
        }
        let evaluator = try ForecastEvaluator(
            configuration: forecast, step: PrometheusDuration(milliseconds: 1_000), window: 3_600_000)
        #expect(evaluator.batchSize > 0)
    }

    @Test("min_history: two seasons or 30 minutes by default, whichever is longer, within the longest window")
    func minimumHistoryDefault() throws {
        let second = PrometheusDuration(milliseconds: 1_000)
        let hour = PrometheusDuration(milliseconds: 3_600_000)
        #expect(SibylConfiguration().forecast.minHistory == nil)
        let forecast = ForecastConfiguration()
        #expect(
            forecast.minimumHistory(step: PrometheusDuration(milliseconds: 5_000), longestWindow: hour).description
                == "30m")
        let seasonal = ForecastConfiguration(season: .fixed(240))
        #expect(
            seasonal.minimumHistory(step: PrometheusDuration(milliseconds: 5_000), longestWindow: hour).description
                == "40m")
        let short = PrometheusDuration(milliseconds: 600_000)
        #expect(forecast.minimumHistory(step: second, longestWindow: short).description == "10m")
        let set = ForecastConfiguration(minHistory: PrometheusDuration(milliseconds: 120_000))
        #expect(set.minimumHistory(step: second, longestWindow: hour).description == "2m")
    }

    @Test("min_history is read; longer than the longest window it could never be met, and is refused with its position")
    func minimumHistoryRead() throws {
        let configuration = try SibylConfiguration(yaml: Self.head + "forecast: {min_history: 45m}\n", file: "t.yml")
        #expect(configuration.forecast.minHistory == PrometheusDuration(milliseconds: 2_700_000))
        let zero = try SibylConfiguration(yaml: Self.head + "forecast: {min_history: 0s}\n", file: "t.yml")
        #expect(zero.forecast.minHistory == PrometheusDuration(milliseconds: 0))
        #expect(
            Self.errors("evaluation: {windows: [30m, 2h]}\nforecast: {min_history: 3h}\n") == [
                "t.yml:4:25: forecast.min_history: 3h is longer than the longest evaluation window (2h), the most "
                    + "history a series ever holds: no forecast would ever be published"
            ])
        #expect(
            Self.errors("forecast:\n  min_history: soon\n") == [
                "t.yml:4:16: forecast.min_history: not a valid duration \"soon\": expected a number at position 1"
            ])
    }

    @Test("forecast selectors are read as well, without repeating the analysed ones")
    func forecastSelectorsAreRead() throws {
        let configuration = try SibylConfiguration(
            yaml: Self.head + "forecast: {selectors: [up, 'node_load1']}\n", file: "t.yml")
        let evaluation = EvaluationState.Configuration(configuration)
        #expect(evaluation.selectors.count == 2)
    }

    @Test("season_length takes auto, none or steps; model takes auto or a model's name; mistakes name their position")
    func seasonAndModel() throws {
        let automatic = try SibylConfiguration(
            yaml: Self.head + "forecast: {season_length: auto, model: auto}\n", file: "t.yml")
        #expect(automatic.forecast.season == .automatic && automatic.forecast.model == nil)
        let none = try SibylConfiguration(
            yaml: Self.head + "forecast: {season_length: none, model: simple_exponential_smoothing}\n", file: "t.yml")
        #expect(none.forecast.season == SeasonSetting.none && none.forecast.model == .simpleSmoothing)
        #expect(
            Self.errors("forecast: {season_length: daily, model: arima, model_interval: 0s}\n") == [
                "t.yml:3:27: forecast.season_length: expected \"auto\", \"none\" or a number of steps, got \"daily\"",
                "t.yml:3:41: forecast.model: expected \"auto\", \"holt_winters\", \"damped_holt_winters\", "
                    + "\"damped_trend\", \"simple_exponential_smoothing\", \"seasonal_naive\" or \"naive\", got \"arima\"",
                "t.yml:3:64: forecast.model_interval: must be greater than zero, got 0s",
            ])
        #expect(
            Self.errors("forecast: {season_length: 1}\n") == [
                "t.yml:3:27: forecast.season_length: must be between 2 and 10000, got 1"
            ])
    }
}
