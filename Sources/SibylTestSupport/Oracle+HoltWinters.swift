import Foundation

/// The forecasting part of one oracle case (`oracle/cases/<id>.json` of the fixtures): input, resampled series,
/// Holt-Winters fit, its check rule and the pipeline's forecast summary.
public struct ForecastOracleCase: Decodable, Sendable {
    /// The raw samples as received.
    public struct Input: Decodable, Sendable {
        /// Number of samples.
        public var n: Int
        /// Whether the timestamps are `t0_ms + step_ms·i`.
        public var regular: Bool
        /// First timestamp in ms.
        public var t0Ms: Int64
        /// Scrape step in ms.
        public var stepMs: Int64
        /// Explicit timestamps (irregular input only).
        public var timestampsMs: [Int64]?
        /// Sample values, `null` = NaN.
        public var values: [OracleNumber]

        /// The timestamps, explicit or implied by `t0_ms` and `step_ms`.
        public var timestamps: [Int64] {
            timestampsMs ?? (0..<n).map { t0Ms + stepMs * Int64($0) }
        }
    }

    /// pandas `resample(step).mean().interpolate()` of the input (irregular input only).
    public struct Resampled: Decodable, Sendable {
        /// Left edge of the first bin in ms.
        public var t0Ms: Int64
        /// Bin width in ms.
        public var stepMs: Int64
        /// Number of bins.
        public var n: Int
        /// Bins without a sample before interpolation.
        public var emptyBinsBeforeInterpolation: Int
        /// The interpolated bin values.
        public var values: [OracleNumber]
    }

    /// `initial_values_before_optimization`: the heuristic or simple start states.
    public struct InitialValues: Decodable, Sendable {
        /// `"heuristic"` or `"simple"`.
        public var method: String
        /// Initial level.
        public var level: OracleNumber
        /// Initial trend.
        public var trend: OracleNumber
        /// Initial seasonal effects.
        public var seasons: [OracleNumber]
    }

    /// `brute_force_start`: the grid winner.
    public struct BruteForceStart: Decodable, Sendable {
        /// Grid α.
        public var alpha: OracleNumber
        /// Grid β.
        public var beta: OracleNumber
        /// Grid γ.
        public var gamma: OracleNumber
        /// SSE at the grid point.
        public var sse: OracleNumber
    }

    /// `optimizer_start_restricted`: the grid winner after the 1e-4 nudge, with the start states.
    public struct OptimizerStart: Decodable, Sendable {
        /// `[α, β, γ, l0, b0, s0 … s4]`.
        public var values: [OracleNumber]
    }

    /// statsmodels' fitted parameters.
    public struct Parameters: Decodable, Sendable {
        /// α.
        public var smoothingLevel: OracleNumber
        /// β.
        public var smoothingTrend: OracleNumber
        /// γ.
        public var smoothingSeasonal: OracleNumber
        /// l0.
        public var initialLevel: OracleNumber
        /// b0.
        public var initialTrend: OracleNumber
        /// s0..s_{m−1}.
        public var initialSeasons: [OracleNumber]
    }

    /// The states after the last observation.
    public struct FinalState: Decodable, Sendable {
        /// L_n.
        public var level: OracleNumber
        /// B_n.
        public var trend: OracleNumber
        /// S_n..S_{n+m−1}.
        public var lastSeasons: [OracleNumber]
        /// S_{n−1}, used for forecast steps m, 2m, ….
        public var seasonBeforeLastUpdate: OracleNumber
    }

    /// The 120-step forecast and its summary.
    public struct Forecast: Decodable, Sendable {
        /// Number of steps.
        public var steps: Int
        /// Point forecasts.
        public var values: [OracleNumber]
        /// Largest value.
        public var max: OracleNumber
        /// Smallest value.
        public var min: OracleNumber
        /// Mean value.
        public var mean: OracleNumber
    }

    /// The `holt_winters` block (all fields absent when statsmodels raised).
    public struct HoltWinters: Decodable, Sendable {
        /// Start states before optimisation.
        public var initialValuesBeforeOptimization: InitialValues?
        /// Grid winner.
        public var bruteForceStart: BruteForceStart?
        /// Nudged grid winner and start states, where L-BFGS-B starts.
        public var optimizerStartRestricted: OptimizerStart?
        /// Fitted parameters.
        public var params: Parameters?
        /// SSE at the fitted parameters.
        public var sse: OracleNumber?
        /// States after the data.
        public var finalState: FinalState?
        /// The forecast.
        public var forecast: Forecast?
    }

    /// The `holt_winters_check` block: the per-case acceptance rule for an independent optimizer.
    public struct Check: Decodable, Sendable {
        /// `"sse_and_forecast"` or `"sse_only"`.
        public var tier: String
        /// Largest acceptable SSE.
        public var sseUpper: OracleNumber
        /// Forecast summary tolerance (tier `sse_and_forecast` only).
        public var forecastAbsTol: OracleNumber?
        /// Lowest SSE the study found.
        public var bestKnownSse: OracleNumber
        /// Whether statsmodels' fit is not the best known optimum.
        public var statsmodelsSuboptimal: Bool
    }

    /// `pipeline.forecast`: the seed pipeline's forecast summary.
    public struct PipelineForecast: Decodable, Sendable {
        /// Length of the resampled series.
        public var resampledN: Int
        /// Empty bins before interpolation.
        public var resampledEmptyBins: Int
        /// Largest forecast.
        public var max: OracleNumber
        /// Smallest forecast.
        public var min: OracleNumber
        /// Mean forecast.
        public var mean: OracleNumber
        /// SSE of the fit.
        public var sse: OracleNumber
    }

    /// The `pipeline` block, reduced to its forecast.
    public struct Pipeline: Decodable, Sendable {
        /// Whether the pipeline skipped the series (all zeros).
        public var skipped: Bool
        /// The forecast summary (absent when skipped).
        public var forecast: PipelineForecast?
    }

    /// Case id.
    public var id: String
    /// `"input"` or `"resampled"`.
    public var analysisSeries: String
    /// Raw samples.
    public var input: Input
    /// Resampled series, irregular input only.
    public var resampled: Resampled?
    /// Holt-Winters fit.
    public var holtWinters: HoltWinters
    /// Acceptance rule.
    public var holtWintersCheck: Check?
    /// Pipeline summary.
    public var pipeline: Pipeline

    /// The series the Holt-Winters block was computed on.
    public var analysisValues: [Double] {
        analysisSeries == "resampled" ? (resampled?.values.doubles ?? []) : input.values.doubles
    }

    /// The ids listed in `oracle/cases/index.json`: every case has a Holt-Winters block (see ``OracleIndex/ids``).
    public static var publicIDs: [String] { OracleIndex.ids }

    /// Loads `oracle/cases/<id>.json` (or its `.gz`).
    /// - Parameter id: the case id.
    /// - Returns: the decoded case.
    /// - Throws: when the file is missing (naming it) or malformed.
    public static func load(_ id: String) throws -> ForecastOracleCase {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(ForecastOracleCase.self, from: OracleIndex.caseData(id))
    }
}
