public import Foundation

/// One statsmodels test vector, `oracle/cases/<id>.json` of the fixtures (schema 1), limited to the blocks of the
/// statistics, ADF, ACF, decomposition and pipeline checks; other keys (Holt–Winters, …) are ignored.
public struct OracleCase: Decodable, Sendable {
    /// The case id, e.g. `white_noise_720`.
    public var id: String
    /// The raw input series.
    public var input: OracleInput
    /// `"input"` or `"resampled"`: the series the `stats`/`adfuller`/`acf`/`seasonal_decompose` blocks use.
    public var analysisSeries: String
    /// The resampled series, for irregular input.
    public var resampled: OracleResampled?
    /// pandas statistics of the analysis series.
    public var stats: OracleStats?
    /// `adfuller` results by regression (`c`, `ct`, `n`, `ctt`) and label (`AIC`, `BIC`, `none_maxlag4`, …).
    public var adfuller: [String: [String: OracleOutcome<OracleADF>]]?
    /// `acf` results by label (`default`, `nlags40`).
    public var acf: [String: OracleOutcome<OracleACF>]?
    /// `seasonal_decompose` results by label (`period5`, `period12`).
    public var seasonalDecompose: [String: OracleOutcome<OracleDecomposition>]?
    /// The first system's recipe on the raw input.
    public var pipeline: OraclePipeline?

    enum CodingKeys: String, CodingKey {
        case id, input, resampled, stats, adfuller, acf, pipeline
        case analysisSeries = "analysis_series"
        case seasonalDecompose = "seasonal_decompose"
    }

    /// The series the analysis blocks were computed on.
    public var analysisValues: [Double] {
        analysisSeries == "resampled" ? (resampled?.values.doubles ?? []) : input.values.doubles
    }

    /// Every timestamp of the raw input (regular input: `t0 + 5000·i`).
    public var timestamps: [Int64] {
        input.timestampsMs ?? (0..<input.values.count).map { input.t0Ms + Int64($0) * input.stepMs }
    }

    /// Loads `oracle/cases/<id>.json` (or its `.gz`).
    /// - Parameter id: the case id.
    /// - Returns: the decoded case.
    /// - Throws: when the file is missing (naming it) or malformed.
    public static func load(_ id: String) throws -> OracleCase {
        try JSONDecoder().decode(OracleCase.self, from: OracleIndex.caseData(id))
    }

    /// The ids listed in `oracle/cases/index.json` (see ``OracleIndex/ids``).
    public static var publicIDs: [String] { OracleIndex.ids }
}

/// The case list of `oracle/cases/index.json`, which decides the cases every oracle suite runs.
public enum OracleIndex {
    /// The index, relative to the fixtures folder.
    public static let path = "oracle/cases/index.json"
    /// The one id listed when the index cannot be read: loading it throws why, so that every test over the cases
    /// fails naming the index instead of passing with no case at all.
    public static let unreadableID = "(unreadable index.json)"

    /// One entry of the index.
    public struct Entry: Decodable, Sendable {
        /// The case id.
        public var id: String
        /// The case's file name as listed, `<id>.json`.
        public var file: String?

        /// The listed file name, or the one loading uses when the entry gives none.
        public var fileName: String { file ?? "\(id).json" }
    }

    /// The listed cases, in index order.
    /// - Throws: ``FixtureError`` naming the index when it is missing, malformed or empty.
    public static func entries(in folders: [URL] = Fixtures.folders) throws -> [Entry] {
        struct Index: Decodable { var cases: [Entry] }
        let data = try Fixtures.data(path, in: folders)
        let index: Index
        do {
            index = try JSONDecoder().decode(Index.self, from: data)
        } catch {
            throw FixtureError("\(path): malformed: \(error)")
        }
        guard !index.cases.isEmpty else { throw FixtureError("\(path): lists no case") }
        return index.cases
    }

    /// The listed ids, or ``unreadableID`` alone when the index cannot be read.
    public static var ids: [String] {
        (try? entries().map(\.id)) ?? [unreadableID]
    }

    /// The JSON of case `id`, from `oracle/cases/<id>.json` or its `.gz`.
    /// - Throws: ``FixtureError`` naming the missing case file, or the index's problem for ``unreadableID``.
    public static func caseData(_ id: String) throws -> Data {
        if id == unreadableID {
            _ = try entries()
            throw FixtureError("\(path) could not be read when the tests were listed")
        }
        return try Fixtures.data("oracle/cases/\(id).json")
    }
}

/// A block that is either a value or statsmodels' exception (`{"error": {"type", "message"}}`).
public enum OracleOutcome<Value: Decodable & Sendable>: Decodable, Sendable {
    /// The block's value.
    case value(Value)
    /// statsmodels raised.
    case error(OracleError)

    enum CodingKeys: String, CodingKey { case error }

    /// Decodes the error form first, otherwise the value.
    /// - Parameter decoder: the JSON decoder.
    /// - Throws: when neither form decodes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let error = try container.decodeIfPresent(OracleError.self, forKey: .error) {
            self = .error(error)
        } else {
            self = .value(try Value(from: decoder))
        }
    }

    /// The value, or `nil` for an error.
    public var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }
}

/// A Python exception recorded by the generator.
public struct OracleError: Decodable, Sendable {
    /// The exception class, e.g. `ValueError`.
    public var type: String
    /// The exception message.
    public var message: String
}

/// The `input` block.
public struct OracleInput: Decodable, Sendable {
    /// Number of samples.
    public var n: Int
    /// First timestamp in milliseconds.
    public var t0Ms: Int64
    /// Step in milliseconds.
    public var stepMs: Int64
    /// Explicit timestamps (irregular input only).
    public var timestampsMs: [Int64]?
    /// Raw sample values (NaN as `null`).
    public var values: [OracleNumber]

    enum CodingKeys: String, CodingKey {
        case n, values
        case t0Ms = "t0_ms"
        case stepMs = "step_ms"
        case timestampsMs = "timestamps_ms"
    }
}

/// The `resampled` block (only its values are used here).
public struct OracleResampled: Decodable, Sendable {
    /// The resampled, interpolated values.
    public var values: [OracleNumber]
}

/// pandas statistics of the analysis series.
public struct OracleStats: Decodable, Sendable {
    /// Non-NaN count.
    public var count: Int
    /// Maximum.
    public var max: OracleNumber
    /// Minimum.
    public var min: OracleNumber
    /// Mean.
    public var mean: OracleNumber
    /// Standard deviation, ddof 1.
    public var stdDdof1: OracleNumber

    enum CodingKeys: String, CodingKey {
        case count, max, min, mean
        case stdDdof1 = "std_ddof1"
    }
}

/// One `adfuller` call.
public struct OracleADF: Decodable, Sendable {
    /// `c`, `ct`, `n` or `ctt`.
    public var regression: String
    /// `AIC`, `BIC` or `nil` (no search).
    public var autolag: String?
    /// The `maxlag` argument, `nil` for the default.
    public var maxlagArg: Int?
    /// The maximum lag used.
    public var maxlagEffective: Int
    /// Test statistic.
    public var statistic: OracleNumber
    /// MacKinnon p-value.
    public var pvalue: OracleNumber
    /// Lags used.
    public var usedlag: Int
    /// Observations of the final regression.
    public var nobs: Int
    /// Critical values by level (`1%`, `5%`, `10%`).
    public var criticalValues: [String: OracleNumber]
    /// Best information criterion, `nil` without autolag.
    public var icbest: OracleNumber?
    /// The final OLS fit.
    public var finalRegression: OracleRegression
    /// The lag search (autolag only).
    public var search: OracleSearch?

    enum CodingKeys: String, CodingKey {
        case regression, autolag, statistic, pvalue, usedlag, nobs, icbest, search
        case maxlagArg = "maxlag_arg"
        case maxlagEffective = "maxlag_effective"
        case criticalValues = "critical_values"
        case finalRegression = "final_regression"
    }
}

/// The final regression of an `adfuller` call.
public struct OracleRegression: Decodable, Sendable {
    /// Coefficients: `x_{t−1}`, lags, then const, t, t².
    public var params: [OracleNumber]
    /// Standard errors, same order.
    public var bse: [OracleNumber]
    /// Sum of squared residuals.
    public var ssr: OracleNumber
    /// `nobs − rank`.
    public var dfResid: Double
    /// Number of columns.
    public var nColumns: Int
    /// Numerical rank.
    public var rank: Int

    enum CodingKeys: String, CodingKey {
        case params, bse, ssr, rank
        case dfResid = "df_resid"
        case nColumns = "n_columns"
    }
}

/// The candidates of `_autolag`.
public struct OracleSearch: Decodable, Sendable {
    /// Observations of the common sample.
    public var nobs: Int
    /// Lags 0…maxlag.
    public var lags: [Int]
    /// AIC per lag.
    public var aic: [OracleNumber]
    /// BIC per lag.
    public var bic: [OracleNumber]
    /// Log-likelihood per lag.
    public var llf: [OracleNumber]
    /// SSR per lag.
    public var ssr: [OracleNumber]
    /// Rank per lag.
    public var rank: [Int]
}

/// One `acf` call.
public struct OracleACF: Decodable, Sendable {
    /// The `nlags` argument, `nil` for the default.
    public var nlagsArg: Int?
    /// The number of lags statsmodels used.
    public var nlagsEffective: Int
    /// `acf₀ …`, NaN as `null`.
    public var values: [OracleNumber]

    enum CodingKeys: String, CodingKey {
        case values
        case nlagsArg = "nlags_arg"
        case nlagsEffective = "nlags_effective"
    }
}

/// One `seasonal_decompose` call.
public struct OracleDecomposition: Decodable, Sendable {
    /// The period.
    public var period: Int
    /// Trend, NaN at the edges.
    public var trend: [OracleNumber]
    /// One seasonal cycle.
    public var seasonalCycle: [OracleNumber]
    /// Residuals, NaN at the edges.
    public var resid: [OracleNumber]

    enum CodingKeys: String, CodingKey {
        case period, trend, resid
        case seasonalCycle = "seasonal_cycle"
    }
}

/// The first system's recipe (`pipeline` block) without its forecast part.
public struct OraclePipeline: Decodable, Sendable {
    /// `true` when all values are 0.
    public var skipped: Bool
    /// Window statistics by label (`1h`, `3h`, `12h`).
    public var stats: [String: OraclePipelineStats]?
    /// `adfuller(values, autolag="AIC")`.
    public var adf: OracleOutcome<OraclePipelineADF>?
    /// `acf(values)`.
    public var acf: OracleOutcome<OraclePipelineACF>?
    /// The decomposition used.
    public var seasonality: OracleOutcome<OraclePipelineSeasonality>?
}

/// Window statistics of the pipeline.
public struct OraclePipelineStats: Decodable, Sendable {
    /// Non-NaN count.
    public var count: Int
    /// Maximum.
    public var max: OracleNumber
    /// Minimum.
    public var min: OracleNumber
    /// Mean.
    public var mean: OracleNumber
    /// Standard deviation, ddof 1.
    public var std: OracleNumber
}

/// The pipeline's ADF summary.
public struct OraclePipelineADF: Decodable, Sendable {
    /// Test statistic.
    public var statistic: OracleNumber
    /// p-value.
    public var pvalue: OracleNumber
    /// Lags used.
    public var usedlag: Int
    /// Observations.
    public var nobs: Int
    /// Critical values by level.
    public var criticalValues: [String: OracleNumber]
    /// Best AIC.
    public var icbest: OracleNumber

    enum CodingKeys: String, CodingKey {
        case statistic, pvalue, usedlag, nobs, icbest
        case criticalValues = "critical_values"
    }
}

/// The pipeline's ACF.
public struct OraclePipelineACF: Decodable, Sendable {
    /// Lags computed.
    public var nlags: Int
    /// Values, NaN as `null`.
    public var values: [OracleNumber]
}

/// The pipeline's seasonality.
public struct OraclePipelineSeasonality: Decodable, Sendable {
    /// `every_60th` or `full`.
    public var used: String
    /// The full seasonal component of the series used.
    public var seasonal: [OracleNumber]
    /// Why `values[::60]` failed, when `used == "full"`.
    public var every60thError: OracleError?

    enum CodingKeys: String, CodingKey {
        case used, seasonal
        case every60thError = "every_60th_error"
    }
}
