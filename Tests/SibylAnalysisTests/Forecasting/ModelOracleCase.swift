import Foundation
import SibylAnalysis
import SibylTestSupport

/// One file of `oracle-models/` (written by `scripts/oracle-models.py`): statsmodels' fits of the forecast-model
/// candidates to one series.
struct ModelOracleCase: Decodable, Sendable {
    /// statsmodels' fitted parameters (absent ones: the model has no such component).
    struct Parameters: Decodable, Sendable {
        var alpha: OracleNumber
        var initialLevel: OracleNumber
        var beta: OracleNumber?
        var initialTrend: OracleNumber?
        var phi: OracleNumber?
        var gamma: OracleNumber?
        var initialSeasons: [OracleNumber]?

        /// The model at these parameters.
        var model: ExponentialSmoothing {
            ExponentialSmoothing(
                smoothingLevel: alpha.value, smoothingTrend: beta?.value, dampingTrend: phi?.value,
                smoothingSeasonal: gamma?.value, initialLevel: initialLevel.value,
                initialTrend: initialTrend?.value ?? 0, initialSeasons: initialSeasons?.doubles ?? [])
        }
    }

    /// One model's fit, or statsmodels' error.
    struct Fit: Decodable, Sendable {
        /// ``ForecastModel`` raw value.
        var model: String
        var season: Int?
        /// `"estimated"` or `"heuristic"`.
        var initialization: String
        var params: Parameters?
        var sse: OracleNumber?
        var forecast: [OracleNumber]?
        var error: OracleError?
    }

    /// Where the series of an oracle case comes from.
    struct Source: Decodable, Sendable {
        var oracleCase: String
    }

    var id: String
    var n: Int
    var steps: Int
    var fits: [Fit]
    var source: Source?
    var values: [OracleNumber]?

    /// The fitted series: the oracle case's analysis series, or the values stored here.
    func series() throws -> [Double] {
        if let source { return try ForecastOracleCase.load(source.oracleCase).analysisValues }
        return values?.doubles ?? []
    }

    /// A sentinel id for an unreadable or empty index, so that the tests fail instead of finding no case.
    static let missingID = "(no oracle-models cases)"

    /// The ids listed in `oracle-models/index.json`, or ``missingID`` alone.
    static var ids: [String] {
        struct Index: Decodable {
            struct Entry: Decodable { var id: String }
            var cases: [Entry]
        }
        let ids = (try? JSONDecoder().decode(Index.self, from: Fixtures.data("oracle-models/index.json")))?.cases
            .map(\.id)
        return ids.flatMap { $0.isEmpty ? nil : $0 } ?? [missingID]
    }

    /// Loads `oracle-models/<id>.json(.gz)`.
    static func load(_ id: String) throws -> ModelOracleCase {
        if id == missingID { throw FixtureError("oracle-models/index.json is missing, unreadable or empty") }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(ModelOracleCase.self, from: Fixtures.data("oracle-models/\(id).json"))
    }
}
