import ArgumentParser
import Foundation
import Sibyl
import SibylAnalysis
import SibylWire

/// `sibyl analyze`: reads series over remote read as of a time and prints every analysis of each: window
/// statistics, ADF, ACF, seasonality and the forecast (season and model chosen from the data, as `sibyl run` does;
/// `--season-length 5 --model holt_winters` is the first system's recipe).
struct AnalyzeCommand: AsyncParsableCommand {
    /// The command's name, abstract and discussion.
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Read series as of a time and print their statistics, stationarity, seasonality and forecast.",
        discussion: """
            Reads the series matching the selector over remote read in the range ending at --at, T (default: \
            now, so an incident can be re-analysed as it looked then), and runs every analysis on each. The \
            window statistics cover (T − w, T] for each window, as `sibyl run` computes them at evaluation time \
            T: the windows of --windows, else evaluation.windows of --config.file, else 1h, 3h and 12h. A series \
            whose last sample is more than two steps (evaluation.step of --config.file, else 5s) before T says \
            so. A component that cannot be computed (constant series, too short, NaN) shows its reason; a \
            series whose values are all 0 is skipped, as the first system did.
            """
    )

    /// The series selector.
    @Argument(help: "A PromQL series selector, e.g. '{job=\"node\", __name__=~\"node_memory_.*_bytes\"}'.")
    var selector: String

    /// The remote-read URL.
    @Option(help: "The remote-read endpoint.")
    var source = "http://127.0.0.1:9090/api/v1/read"

    /// The end of the window (`nil`: now).
    @Option(help: "The end of the window: Unix seconds or RFC 3339 (default: now).")
    var at: String?

    /// How much history to read, in Prometheus syntax (at least the longest window is read).
    @Option(help: "How much history to read and analyse, in Prometheus syntax (e.g. 12h; at least the longest window).")
    var window = "12h"

    /// How long the read may take, a Prometheus duration.
    @Option(help: "How long the read from --source may take, headers and body (default: 30s).")
    var timeout = "30s"

    /// The windows, comma-separated Prometheus durations.
    @Option(help: "The windows of the statistics, e.g. 1h,3h (default: evaluation.windows of --config.file).")
    var windows: String?

    /// A configuration file whose evaluation windows and step are used.
    @Option(
        name: .customLong("config.file"),
        help: "A configuration file: its evaluation.windows and evaluation.step are used (not its source).")
    var configFile: String?

    /// Table or JSON.
    @Option(help: "Output format: table or json.")
    var format: AnalyzeFormat = .table

    /// The forecast horizon (`nil`: `forecast.horizon` of `--config.file`, else 10m).
    @Option(
        help: ArgumentHelp(
            "The forecast horizon, a whole number of steps (evaluation.step of --config.file, else 5s; default: "
                + "forecast.horizon of --config.file, else 10m)."))
    var horizon: String?

    /// The season (`nil`: `forecast.season_length` of `--config.file`, else auto).
    @Option(
        name: .customLong("season-length"),
        help: "The forecast's season: auto (found in the data), none, or a number of steps (default: auto).")
    var seasonLength: String?

    /// The model (`nil`: `forecast.model` of `--config.file`, else auto).
    @Option(
        help: ArgumentHelp(
            "The forecast's model: auto (chosen by rolling-origin validation), holt_winters, damped_holt_winters, "
                + "damped_trend, simple_exponential_smoothing, seasonal_naive or naive (default: auto)."))
    var model: String?

    /// Where to write the SVG plot, if anywhere.
    @Option(help: "Write an SVG of the first matching series (last hour, forecast and interval) to this file.")
    var plot: String?

    /// Above this many series, progress goes to standard error.
    static let progressThreshold = 20

    /// Prints the report; progress goes to standard error.
    func run() async throws {
        let output = try await analyze { line in
            FileHandle.standardError.write(Data(line.utf8))
        }
        print(output, terminator: "")
    }

    /// Reads, analyses and renders; writes the plot when `--plot` is given.
    /// - Parameter progress: receives progress text (carriage-return lines, then a newline) when there are more
    ///   than ``progressThreshold`` series.
    /// - Returns: the report in the chosen format.
    /// - Throws: `ValidationError` for a bad selector, window or time; ``RemoteReadError`` when the read fails;
    ///   what writing the plot throws.
    func analyze(progress: (String) -> Void = { _ in }) async throws -> String {
        let parsed: SeriesSelector
        do {
            parsed = try SeriesSelector(parsing: selector)
        } catch {
            throw ValidationError(Self.explain(error, in: selector))
        }
        let configuration = try configFile.map { try SibylConfiguration.load(contentsOf: $0) }
        let evaluation = try evaluationSettings(configuration?.evaluation)
        let pipeline = try forecastPipeline(configuration?.forecast, step: evaluation.step)
        let length = max(evaluation.windows.last ?? 0, try Self.positiveDuration(window, option: "--window"))
        let end = try at.map(TimeArgument.milliseconds(parsing:)) ?? Int64(Date().timeIntervalSince1970 * 1000)
        let query = RemoteReadQuery(start: end - length, end: end, matchers: parsed.matchers)
        let timeout = Duration.milliseconds(try Self.positiveDuration(self.timeout, option: "--timeout"))
        let client = RemoteReadClient(
            configuration: .init(url: source, timeout: timeout, acceptedResponseTypes: [.streamedXORChunks]))

        var series: [TimeSeries] = []
        var progressShown = false
        _ = try await client.read([query]) { one in
            series.append(one.series)
            if series.count > Self.progressThreshold {
                progress("\rreading: \(series.count) series")
                progressShown = true
            }
        }
        series.sort { $0.labels.lexicographicallyPrecedes($1.labels) }

        var analyzed: [AnalyzedSeries] = []
        analyzed.reserveCapacity(series.count)
        for (index, one) in series.enumerated() {
            if series.count > Self.progressThreshold {
                progress("\ranalysing: \(index + 1)/\(series.count) series")
                progressShown = true
            }
            analyzed.append(AnalyzedSeries(one, at: end, windows: evaluation.windows, pipeline: pipeline))
        }
        if progressShown { progress("\n") }

        let report = AnalyzeReport(
            series: analyzed, range: query.start...query.end, windows: evaluation.windows,
            maximumAge: 2 * evaluation.step, stepMilliseconds: evaluation.step, steps: pipeline.steps)
        if let plot {
            guard let first = analyzed.first else { throw ValidationError("no series matches, nothing to plot") }
            let svg = ForecastPlot(series: first, steps: pipeline.steps).svg
            try svg.write(toFile: plot, atomically: true, encoding: .utf8)
        }
        switch format {
        case .table: return report.table
        case .json: return report.json
        }
    }
}

extension AnalyzeCommand {
    /// `invalid selector at line L, column C: message`, then the selector and a caret under the column (for a
    /// one-line selector).
    /// - Parameters:
    ///   - error: the parse error.
    ///   - selector: the selector text.
    /// - Returns: the message.
    static func explain(_ error: SelectorParseError, in selector: String) -> String {
        var text = "invalid selector at line \(error.line), column \(error.column): \(error.message)"
        if error.line == 1, !selector.contains("\n"), error.column >= 1 {
            text += "\n  \(selector)\n  \(String(repeating: " ", count: error.column - 1))^"
        }
        return text
    }
}

/// The formats `sibyl analyze --format` writes.
enum AnalyzeFormat: String, ExpressibleByArgument, CaseIterable {
    /// One readable block per series.
    case table
    /// A JSON array, one object per series.
    case json
}
