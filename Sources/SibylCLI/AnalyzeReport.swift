import Foundation
import Sibyl
import SibylAnalysis
import SibylWire

/// What `sibyl analyze` prints: one block per series (table) or one object per series (JSON), with every
/// component's result or the reason it was skipped.
struct AnalyzeReport: Sendable {
    /// The series, sorted by labels.
    var series: [AnalyzedSeries]
    /// The range read, in milliseconds; its upper bound is T.
    var range: ClosedRange<Int64>
    /// The window lengths in milliseconds, ascending: each window is `(T − w, T]`.
    var windows: [Int64]
    /// A last sample older than T by more than this (two steps), in milliseconds, is pointed out.
    var maximumAge: Int64
    /// The forecast's resampling step in milliseconds.
    var stepMilliseconds: Int64
    /// The forecast horizon in steps.
    var steps: Int
    /// How many ACF lags (after lag 0) the table shows.
    var tableLags = 10

    /// The ADF level below which a series is called stationary.
    static let stationarityLevel = 0.05

    /// The readable report, one block per series.
    var table: String {
        var out = "\(series.count) series in [\(TimeArgument.rfc3339(range.lowerBound)), "
        out += "\(TimeArgument.rfc3339(range.upperBound))]; windows (T − w, T] at T = the range's end: "
        out += windows.map { PrometheusDuration(milliseconds: $0).description }.joined(separator: ", ") + "\n"
        for one in series {
            out += "\n" + block(one)
        }
        return out
    }

    private func block(_ one: AnalyzedSeries) -> String {
        var out = one.name + "\n"
        out += "  samples          \(one.values.count)"
        if one.staleMarkers > 0 { out += " (\(one.staleMarkers) stale markers dropped)" }
        if let first = one.timestamps.first, let last = one.timestamps.last {
            out += " from \(TimeArgument.rfc3339(first)) to \(TimeArgument.rfc3339(last))"
        }
        out += "\n"
        if let note = one.lastSampleNote(maximumAge: maximumAge) { out += "  note             \(note)\n" }
        let metadata: SeriesMetadata
        switch one.metadata {
        case .success(let computed): metadata = computed
        case .failure(let skip): return out + "  skipped          \(skip.description)\n"
        }
        out += windowTable(one.statistics)
        out += stationarity(metadata.stationarity)
        out += autocorrelation(metadata.autocorrelation)
        out += seasonality(metadata.seasonality)
        if let forecast = one.forecast { out += self.forecast(forecast) }
        return out
    }

    private func windowTable(_ series: SeriesStatistics) -> String {
        var out = "  window    " + ["count", "min", "max", "mean", "std"].map { Self.column($0) }.joined() + "\n"
        for (window, statistics) in zip(windows, series.windows) {
            let name = PrometheusDuration(milliseconds: window).description
            out += "  " + name.padding(toLength: 8, withPad: " ", startingAt: 0)
            guard let statistics else {
                out += "  no numeric samples in the window\n"
                continue
            }
            out += Self.column(String(statistics.count))
            out += [statistics.min, statistics.max, statistics.mean].map { Self.column(Self.format($0)) }.joined()
            out += Self.column(statistics.standardDeviation.map(Self.format) ?? "-") + "\n"
        }
        return out
    }

    private func stationarity(_ result: Result<AugmentedDickeyFuller, AnalysisError>) -> String {
        switch result {
        case .failure(let error): return "  ADF              skipped: \(error.description)\n"
        case .success(let adf):
            let verdict = adf.pValue < Self.stationarityLevel ? "stationary (p < 0.05)" : "not stationary (p ≥ 0.05)"
            var out = "  ADF              \(verdict): statistic \(Self.format(adf.statistic)), "
            out += "p-value \(Self.format(adf.pValue)), used lag \(adf.usedLag), observations \(adf.observationCount)\n"
            let critical = adf.criticalValues
            out += "                   critical values 1% \(Self.format(critical.onePercent)), "
            out += "5% \(Self.format(critical.fivePercent)), 10% \(Self.format(critical.tenPercent))\n"
            return out
        }
    }

    private func autocorrelation(_ result: Result<Autocorrelation, AnalysisError>) -> String {
        switch result {
        case .failure(let error): return "  ACF              skipped: \(error.description)\n"
        case .success(let acf):
            let shown = acf.values.dropFirst().prefix(tableLags)
            let values = shown.map(Self.formatCorrelation).joined(separator: " ")
            return "  ACF              lags 1-\(shown.count) of \(acf.lagCount): \(values)\n"
        }
    }

    private func seasonality(_ result: Result<SeriesMetadata.Seasonality, AnalysisError>) -> String {
        switch result {
        case .failure(let error): return "  seasonality      skipped: \(error.description)\n"
        case .success(let seasonality):
            let decomposition = seasonality.decomposition
            let source = seasonality.source == .strided ? "every 60th value" : "all values"
            let pattern = decomposition.seasonalCycle.map(Self.format).joined(separator: ", ")
            let strength = decomposition.strength.map(Self.formatCorrelation) ?? "undefined"
            return "  seasonality      period \(decomposition.period) on \(source): pattern [\(pattern)], "
                + "strength \(strength)\n"
        }
    }

    private func forecast(_ result: Result<ForecastPipeline.Output, AnalysisError>) -> String {
        let horizon = PrometheusDuration(milliseconds: stepMilliseconds * Int64(steps)).description
        switch result {
        case .failure(let error): return "  forecast         skipped: \(error.description)\n"
        case .success(let output):
            let summary = output.summary
            var out = "  " + "forecast \(horizon)".padding(toLength: 17, withPad: " ", startingAt: 0)
            out += "max \(Self.format(summary.maximum)), min \(Self.format(summary.minimum)), "
            out += "mean \(Self.format(summary.mean)), 95% interval [\(Self.format(summary.lowerMinimum)), "
            out += "\(Self.format(summary.upperMaximum))]\n"
            let season = output.choice.season.map { "season \($0)" } ?? "no season"
            out += "                   \(output.choice.model.rawValue), \(season); "
            let fitted = summary.smoothing
            let parameters = [("α", fitted.level), ("β", fitted.trend), ("γ", fitted.seasonal), ("φ", fitted.damping)]
            for case (let name, let value?) in parameters { out += "\(name) \(Self.format(value)), " }
            out += "RMSE \(Self.format(summary.rootMeanSquaredError)) "
            let step = PrometheusDuration(milliseconds: stepMilliseconds)
            out += "(\(output.resampled.values.count) steps of \(step) fitted)\n"
            let validated = output.choice.validation.compactMap { candidate in
                candidate.meanAbsoluteError.map { "\(candidate.model.rawValue) \(Self.format($0))" }
            }
            if !validated.isEmpty {
                out += "                   validation MAE: " + validated.joined(separator: ", ") + "\n"
            }
            return out
        }
    }

    /// A value with ten significant digits, `NaN`/`+Inf`/`-Inf` as Prometheus writes them.
    /// - Returns: its text.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        return String(format: "%.10g", value)
    }

    /// A correlation-like value in [-1, 1] with four decimals.
    /// - Returns: its text.
    static func formatCorrelation(_ value: Double) -> String {
        value.isFinite ? String(format: "%.4f", value) : format(value)
    }

    private static func column(_ text: String) -> String {
        text.count >= 17 ? " " + text : String(repeating: " ", count: 17 - text.count) + text
    }
}
