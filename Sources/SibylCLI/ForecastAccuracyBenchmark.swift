import Foundation
import SibylAnalysis
import SibylWire

/// `sibyl bench --forecasts`: out-of-sample accuracy of Sibyl's forecast (season found, model chosen by
/// validation) against the first system's fixed Holt-Winters (season 5) and the seasonal naive forecast, on real
/// series the repository ships (`Tests/Fixtures/forecast-accuracy`: statsmodels' datasets and real node-exporter
/// samples).
///
/// Each series is cut at up to three origins, one horizon apart from its end (never before half the series); at
/// each, every method sees only the values before the origin and forecasts the horizon after it. A method's MASE is
/// its mean absolute error over those steps divided by the in-sample MAE of the seasonal naive forecast (at the
/// series' natural season; the naive forecast without one) on the values before the first origin, as Hyndman and
/// Koehler define it. Coverage pools every step of every series: the share of actual values inside Sibyl's 95 %
/// interval.
struct ForecastAccuracyBenchmark {
    /// One series of the data file.
    struct Series: Codable {
        /// Its name.
        var name: String
        /// Where it comes from (`statsmodels`, `node-exporter`).
        var source: String
        /// Its step, for the report.
        var step: String
        /// Its natural season in steps, `nil` for none.
        var season: Int?
        /// The horizon in steps.
        var horizon: Int
        /// The values, equally spaced.
        var values: [Double]
    }

    /// The data file's shape.
    struct DataFile: Codable {
        /// Every series.
        var series: [Series]
    }

    /// One series' result.
    struct Row: Codable {
        var name: String
        var source: String
        var count: Int
        var horizon: Int
        var origins: Int
        /// The season Sibyl found at the last origin (0: none).
        var season: Int
        /// The model Sibyl chose at the last origin.
        var model: String
        var sibylMASE: Double
        var holtWintersMASE: Double
        var seasonalNaiveMASE: Double
        /// Actual values inside Sibyl's interval, and values compared.
        var inside: Int
        var compared: Int
    }

    /// The whole result.
    struct Report: Codable {
        var rows: [Row]
        /// Share of series where Sibyl's MASE is at most the fixed Holt-Winters'.
        var noWorseThanHoltWinters: Double
        /// Share of series where Sibyl's MASE is at most the seasonal naive forecast's.
        var noWorseThanSeasonalNaive: Double
        /// Pooled 95 % interval coverage.
        var coverage: Double
    }

    /// The data file.
    var file: String
    /// The origins per series.
    var origins = 3

    /// Reads the data and scores every series.
    /// - Returns: the report.
    /// - Throws: when the file cannot be read or holds no series.
    func run() throws -> Report {
        let compressed = try Data(contentsOf: URL(fileURLWithPath: file))
        guard let bytes = Gzip.decompress([UInt8](compressed), limit: 64 << 20) else {
            throw BenchmarkError("\(file): not a gzip file")
        }
        let data = try JSONDecoder().decode(DataFile.self, from: Data(bytes))
        guard !data.series.isEmpty else { throw BenchmarkError("\(file): no series") }
        let rows = data.series.compactMap(score)
        guard !rows.isEmpty else { throw BenchmarkError("\(file): no series could be scored") }
        let count = Double(rows.count)
        return Report(
            rows: rows,
            noWorseThanHoltWinters: Double(rows.filter { $0.sibylMASE <= $0.holtWintersMASE }.count) / count,
            noWorseThanSeasonalNaive: Double(rows.filter { $0.sibylMASE <= $0.seasonalNaiveMASE }.count) / count,
            coverage: Double(rows.map(\.inside).reduce(0, +)) / Double(rows.map(\.compared).reduce(0, +)))
    }

    /// One series at its origins; `nil` when it is too short or its naive scale is 0.
    private func score(_ series: Series) -> Row? {
        let y = series.values
        let h = series.horizon
        let cuts = (1...origins).map { y.count - $0 * h }.filter { $0 >= y.count / 2 }
        guard let first = cuts.last,
            let scale = ForecastAccuracy.naiveScale(Array(y[..<first]), season: series.season ?? 1), scale > 0
        else { return nil }
        var errors = (sibyl: 0.0, holtWinters: 0.0, naive: 0.0)
        var inside = 0
        var compared = 0
        var last: ForecastModelChoice?
        for cut in cuts {
            let train = Array(y[..<cut])
            let actual = y[cut..<(cut + h)]
            let season = SeasonSetting.automatic.season(of: train)
            let choice = ForecastModelSelector(horizon: h).choose(train, season: season)
            guard
                let path = try? choice.model.fit(train, season: season).forecast(
                    steps: h, normalQuantile: HoltWintersForecast.normalQuantile95),
                let holtWinters = try? HoltWinters.fit(train, seasonalPeriods: 5).forecast(steps: h),
                let naive = try? SeasonalNaive.fit(train, season: series.season ?? 1).forecast(steps: h)
            else { return nil }
            last = last ?? choice
            for (index, value) in zip(actual.indices, actual) {
                let step = index - cut
                errors.sibyl += abs(value - path.values[step])
                errors.holtWinters += abs(value - holtWinters.values[step])
                errors.naive += abs(value - naive.values[step])
                if path.lower[step] <= value, value <= path.upper[step] { inside += 1 }
                compared += 1
            }
        }
        let steps = Double(compared) * scale
        return Row(
            name: series.name, source: series.source, count: y.count, horizon: h, origins: cuts.count,
            season: last?.season ?? 0, model: last?.model.rawValue ?? "", sibylMASE: errors.sibyl / steps,
            holtWintersMASE: errors.holtWinters / steps, seasonalNaiveMASE: errors.naive / steps, inside: inside,
            compared: compared)
    }

    /// The report as a table, or JSON.
    static func render(_ report: Report, json: Bool) -> String {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            return String(decoding: (try? encoder.encode(report)) ?? Data(), as: UTF8.self) + "\n"
        }
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
        }
        func number(_ value: Double) -> String { String(format: "%.3f", value) }
        var out =
            pad("series", 44) + pad("n", 6) + pad("h", 5) + pad("season", 8) + pad("model", 30)
            + "MASE sibyl  HW(5)   snaive  coverage\n"
        for row in report.rows {
            out += pad(String(row.name.prefix(43)), 44) + pad("\(row.count)", 6) + pad("\(row.horizon)", 5)
            out += pad(row.season == 0 ? "none" : "\(row.season)", 8) + pad(row.model, 30)
            out += pad(number(row.sibylMASE), 12) + pad(number(row.holtWintersMASE), 8)
            out += pad(number(row.seasonalNaiveMASE), 8) + number(Double(row.inside) / Double(row.compared)) + "\n"
        }
        out += "\n\(report.rows.count) series: Sibyl's MASE ≤ fixed Holt-Winters (season 5) on "
        out += String(format: "%.1f %%", 100 * report.noWorseThanHoltWinters)
        out += ", ≤ seasonal naive on " + String(format: "%.1f %%", 100 * report.noWorseThanSeasonalNaive)
        out += "; pooled 95 % interval coverage " + number(report.coverage) + "\n"
        return out
    }
}

/// A benchmark's input could not be used.
struct BenchmarkError: Error, CustomStringConvertible, Equatable {
    var description: String
    init(_ description: String) { self.description = description }
}
