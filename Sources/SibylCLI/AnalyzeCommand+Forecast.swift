import ArgumentParser
import Sibyl
import SibylAnalysis
import SibylWire

extension AnalyzeCommand {
    /// The forecast step as `sibyl run` configures it: the horizon, season and model of `--horizon`,
    /// `--season-length` and `--model`, else those of `--config.file`'s `forecast` section, else the defaults (10m,
    /// the season found in the data, the model chosen by validation); resampled to `step` (`evaluation.step`).
    /// - Parameters:
    ///   - configured: the `forecast` section of `--config.file`, if given.
    ///   - step: the resampling step in milliseconds.
    /// - Returns: the pipeline.
    /// - Throws: `ValidationError` naming a bad option.
    func forecastPipeline(_ configured: ForecastConfiguration?, step: Int64) throws -> ForecastPipeline {
        var horizonMilliseconds = configured?.horizon.milliseconds ?? Self.defaultHorizon
        if let horizon {
            horizonMilliseconds = try Self.positiveDuration(horizon, option: "--horizon")
        }
        let stepText = PrometheusDuration(milliseconds: step).description
        guard horizonMilliseconds % step == 0 else {
            throw ValidationError(
                "--horizon: \(PrometheusDuration(milliseconds: horizonMilliseconds)) is not a whole number of "
                    + "\(stepText) steps")
        }
        let steps = horizonMilliseconds / step
        let maximumSteps = max(1, Self.maximumHorizon / step)
        guard steps <= maximumSteps else {
            throw ValidationError("--horizon: at most \(maximumSteps) steps of \(stepText) (a day)")
        }
        return ForecastPipeline(
            resampler: try LinearResampler(stepMilliseconds: step),
            season: try seasonLength.map(Self.season(parsing:)) ?? configured?.season ?? .automatic,
            model: try model.map(Self.model(parsing:)) ?? configured?.model, steps: Int(steps),
            startSearch: .statsmodelsGrid, normalQuantile: HoltWintersForecast.normalQuantile95)
    }

    /// The default horizon: 10 minutes.
    static let defaultHorizon: Int64 = 600_000
    /// The longest horizon: a day.
    static let maximumHorizon: Int64 = 86_400_000

    /// `--season-length`: `auto`, `none` or a number of steps from 2 to 10,000.
    static func season(parsing text: String) throws(ValidationError) -> SeasonSetting {
        switch text {
        case "auto": return .automatic
        case "none": return .none
        default:
            guard let steps = Int(text), (2...10_000).contains(steps) else {
                throw ValidationError("--season-length: expected auto, none or 2 to 10000 steps, got \(text)")
            }
            return .fixed(steps)
        }
    }

    /// `--model`: `auto` (`nil`) or a model's name.
    static func model(parsing text: String) throws(ValidationError) -> ForecastModel? {
        if text == "auto" { return nil }
        guard let model = ForecastModel(rawValue: text) else {
            let names = ["auto"] + ForecastModel.allCases.map(\.rawValue)
            throw ValidationError("--model: expected one of \(names.joined(separator: ", ")), got \(text)")
        }
        return model
    }
}
