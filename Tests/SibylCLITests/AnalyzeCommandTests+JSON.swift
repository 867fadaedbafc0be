import Foundation

/// The shapes of `sibyl analyze --format json`, decoded with `JSONDecoder`: it parses doubles exactly, where
/// `JSONSerialization` on Linux can be off by a few ULPs.
extension AnalyzeCommandTests {
    /// A JSON number, or `"NaN"`, `"+Inf"`, `"-Inf"`.
    struct Number: Decodable {
        /// The number.
        var value: Double

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                value = number
                return
            }
            switch try container.decode(String.self) {
            case "NaN": value = .nan
            case "+Inf": value = .infinity
            case "-Inf": value = -.infinity
            case let other:
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a number: \(other)")
            }
        }
    }

    /// A component, or `{"skipped": reason}`.
    enum Component<Value: Decodable>: Decodable {
        case value(Value)
        case skipped(String)

        private enum CodingKeys: String, CodingKey { case skipped }

        init(from decoder: any Decoder) throws {
            if let reason = try? decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .skipped) {
                self = .skipped(reason)
            } else {
                self = .value(try Value(from: decoder))
            }
        }

        /// The value, when computed.
        var value: Value? {
            if case .value(let value) = self { return value }
            return nil
        }

        /// The reason, when skipped.
        var skipped: String? {
            if case .skipped(let reason) = self { return reason }
            return nil
        }
    }

    /// One window's statistics.
    struct Window: Decodable {
        var count: Int
        var min: Number
        var max: Number
        var mean: Number
        var std: Number?
    }

    /// The ADF result.
    struct ADF: Decodable {
        var stationary: Bool
        var statistic: Number
        var pvalue: Number
        var usedLag: Int
        var observations: Int
        var criticalValues: [String: Number]

        enum CodingKeys: String, CodingKey {
            case stationary, statistic, pvalue, observations
            case usedLag = "used_lag"
            case criticalValues = "critical_values"
        }
    }

    /// The autocorrelations.
    struct ACF: Decodable {
        var lags: Int
        var values: [Number]
    }

    /// The seasonal pattern.
    struct Seasonality: Decodable {
        var period: Int
        var used: String
        var pattern: [Number]
        var strength: Number?
    }

    /// The forecast summary.
    struct Forecast: Decodable {
        var steps: Int
        var resampledN: Int
        var max: Number
        var min: Number
        var mean: Number
        var lowerMin: Number
        var upperMax: Number
        var smoothingLevel: Number?
        var smoothingTrend: Number?
        var smoothingSeasonal: Number?
        var sse: Number
        var rmse: Number
        var model: String
        var season: Int?
        var validation: [Candidate]
        var path: [PathPoint]

        /// One step of the path.
        struct PathPoint: Decodable {
            var time: String
            var value: Number
            var lower: Number
            var upper: Number
        }

        /// One candidate's validation.
        struct Candidate: Decodable {
            var model: String
            var mae: Number?
            var skipped: String?
        }

        enum CodingKeys: String, CodingKey {
            case steps, max, min, mean, sse, rmse, model, season, validation, path
            case resampledN = "resampled_n"
            case lowerMin = "lower_min"
            case upperMax = "upper_max"
            case smoothingLevel = "smoothing_level"
            case smoothingTrend = "smoothing_trend"
            case smoothingSeasonal = "smoothing_seasonal"
        }
    }

    /// One series' object.
    struct Series: Decodable {
        var series: String
        var labels: [String: String]
        var samples: Int
        var skipped: String?
        var windows: Component<[String: Component<Window>]>
        var adf: Component<ADF>
        var acf: Component<ACF>
        var seasonality: Component<Seasonality>
        var forecast: Component<Forecast>
        var warnings: [String]
        var lastSampleAgeSeconds: Double?

        enum CodingKeys: String, CodingKey {
            case series, labels, samples, skipped, windows, adf, acf, seasonality, forecast, warnings
            case lastSampleAgeSeconds = "last_sample_age_seconds"
        }
    }

    /// Decodes the report.
    /// - Parameter json: the text.
    /// - Returns: one element per series.
    /// - Throws: when the text does not have the report's shape.
    static func decode(_ json: String) throws -> [Series] {
        try JSONDecoder().decode([Series].self, from: Data(json.utf8))
    }
}
