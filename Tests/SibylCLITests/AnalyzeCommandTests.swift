import ArgumentParser
import Foundation
import SibylAnalysis
import SibylTestSupport
import Testing

@testable import SibylCLI

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite(.enabled(if: TestBinaries.runnable(.prometheus, .promtool)))
struct AnalyzeCommandTests {
    /// `--at` of every test; the oracle series end one second before it.
    static let end: Int64 = 1_795_000_000_000
    /// The oracle cases pre-filled, as `case` label values.
    static let oracleIDs = ["memory_bytes_8640", "cpu_like_8640"]

    /// The oracle inputs shifted to end at `end − 1 s`, an all-zero and a constant series.
    static func oracleHistory() throws -> OpenMetricsHistory {
        var series: [OpenMetricsHistory.Series] = []
        for id in oracleIDs {
            let oracle = try OracleCase.load(id)
            let timestamps = oracle.timestamps
            let shift = end - 1000 - (timestamps.last ?? 0)
            let samples = zip(timestamps, oracle.input.values.doubles).map { ($0 + shift, $1) }
            series.append(.init(name: "analyze_case", labels: [("case", id)], samples: samples))
        }
        let recent = (0..<720).map { end - 1000 - Int64(719 - $0) * 5000 }
        series.append(.init(name: "analyze_case", labels: [("case", "zeros")], samples: recent.map { ($0, 0) }))
        series.append(.init(name: "analyze_case", labels: [("case", "constant")], samples: recent.map { ($0, 7) }))
        return OpenMetricsHistory(series: series)
    }

    @Test("JSON matches the oracle's pipeline block; the table shows the same numbers")
    func oracleCases() async throws {
        try await PrometheusFixture.with(history: Self.oracleHistory()) { prometheus in
            // The first system's recipe, which the oracle holds: season 5, Holt-Winters.
            let arguments = [
                "analyze_case", "--source", prometheus.remoteReadURL, "--at", "\(Self.end / 1000)", "--season-length",
                "5", "--model", "holt_winters",
            ]
            let json = try await AnalyzeCommand.parse(arguments + ["--format", "json"]).analyze()
            let objects = try Self.decode(json)
            #expect(objects.count == 4)
            let byCase = Dictionary(objects.map { ($0.labels["case"] ?? "", $0) }) { first, _ in first }
            for id in Self.oracleIDs {
                let object = try #require(byCase[id], "\(id) missing")
                try Self.checkAgainstOracle(object, id: id)
            }

            let zeros = try #require(byCase["zeros"])
            #expect(zeros.skipped?.hasPrefix("all_zero") == true)
            #expect(zeros.forecast.skipped?.hasPrefix("all_zero") == true)
            let constant = try #require(byCase["constant"])
            #expect(constant.skipped == nil)
            #expect(constant.adf.skipped?.hasPrefix("constant") == true)
            #expect(constant.acf.skipped?.hasPrefix("constant") == true)
            #expect(constant.windows.value?["1h"]?.value?.max.value == 7)

            let table = try await AnalyzeCommand.parse(arguments).analyze()
            #expect(table.hasPrefix("4 series in [2026-11-17T23:06:40.000Z, 2026-11-18T11:06:40.000Z]"))
            for heading in ["window", "count", "mean", "ADF", "critical values", "ACF", "seasonality", "forecast 10m"] {
                #expect(table.contains(heading), "table lacks \(heading)")
            }
            let memory = try OracleCase.load("memory_bytes_8640")
            let adf = try #require(memory.pipeline?.adf?.value)
            #expect(table.contains("analyze_case{case=\"memory_bytes_8640\"}\n  samples          8640"))
            #expect(table.contains("stationary (p < 0.05): statistic \(AnalyzeReport.format(adf.statistic.value))"))
            #expect(table.contains("used lag \(adf.usedlag), observations \(adf.nobs)"))
            #expect(table.contains("not stationary (p ≥ 0.05)"))
            let lag1 = try #require(memory.pipeline?.acf?.value?.values.dropFirst().first?.value)
            #expect(table.contains("lags 1-10 of 39: \(AnalyzeReport.formatCorrelation(lag1))"))
            #expect(table.contains("skipped          all_zero"))
            #expect(table.contains("ADF              skipped: constant"))
        }
    }

    /// Compares one series' JSON with the case's `pipeline` block at the oracle README's tolerances.
    static func checkAgainstOracle(_ object: Series, id: String) throws {
        let oracle = try OracleCase.load(id)
        let pipeline = try #require(oracle.pipeline)
        #expect(object.samples == oracle.input.values.count, "\(id) samples")
        #expect(object.skipped == nil)

        let windows = try #require(object.windows.value, "\(id) windows")
        #expect(windows.count == 3)
        for (label, want) in pipeline.stats ?? [:] {
            let got = try #require(windows[label]?.value, "\(id) window \(label)")
            #expect(got.count == want.count, "\(id) \(label) count")
            expectClose(got.max.value, want.max.value, rtol: 0, "\(id) \(label) max")
            expectClose(got.min.value, want.min.value, rtol: 0, "\(id) \(label) min")
            expectClose(got.mean.value, want.mean.value, rtol: 1e-9, "\(id) \(label) mean")
            expectClose(got.std?.value ?? .nan, want.std.value, rtol: 1e-9, "\(id) \(label) std")
        }

        let adf = try #require(object.adf.value, "\(id) adf: \(object.adf.skipped ?? "")")
        let wantADF = try #require(pipeline.adf?.value, "\(id) oracle adf")
        expectClose(adf.statistic.value, wantADF.statistic.value, rtol: 1e-9, "\(id) ADF statistic")
        expectClose(adf.pvalue.value, wantADF.pvalue.value, rtol: 1e-9, atol: 1e-15, "\(id) ADF p-value")
        #expect(adf.usedLag == wantADF.usedlag, "\(id) ADF used lag")
        #expect(adf.observations == wantADF.nobs, "\(id) ADF nobs")
        #expect(adf.stationary == (wantADF.pvalue.value < 0.05), "\(id) ADF verdict")
        for level in ["1%", "5%", "10%"] {
            let want = wantADF.criticalValues[level]?.value ?? .nan
            expectClose(adf.criticalValues[level]?.value ?? .nan, want, rtol: 1e-12, "\(id) ADF critical \(level)")
        }

        let acf = try #require(object.acf.value, "\(id) acf: \(object.acf.skipped ?? "")")
        let wantACF = try #require(pipeline.acf?.value, "\(id) oracle acf")
        #expect(acf.lags == wantACF.nlags, "\(id) ACF lags")
        expectClose(acf.values.map(\.value), wantACF.values.doubles, rtol: 0, atol: 1e-10, "\(id) ACF")

        let seasonality = try #require(object.seasonality.value, "\(id) seasonality")
        let wantSeasonality = try #require(pipeline.seasonality?.value, "\(id) oracle seasonality")
        #expect(seasonality.used == wantSeasonality.used, "\(id) seasonality source")
        #expect(seasonality.period == 5)
        // Each phase's effect of the decomposed (every 60th) series; the README's decomposition tolerance.
        let values = oracle.input.values.doubles
        let decomposed = Swift.stride(from: 0, to: values.count, by: 60).map { values[$0] }
        let scale = 1e-10 * standardDeviation(decomposed) + 1e-14 * (decomposed.map(abs).max() ?? 0)
        let wantPattern = Array(wantSeasonality.seasonal.doubles.prefix(5))
        expectClose(seasonality.pattern.map(\.value), wantPattern, rtol: 1e-9, atol: scale, "\(id) seasonal pattern")

        // Both cases are in the README's "sse_only" tier: only the SSE bound is a fair check of the fit.
        let forecast = try #require(object.forecast.value, "\(id) forecast: \(object.forecast.skipped ?? "")")
        let check = try #require(ForecastOracleCase.load(id).holtWintersCheck, "\(id) holt_winters_check")
        let summary = [
            forecast.max, forecast.min, forecast.mean, forecast.lowerMin, forecast.upperMax,
            try #require(forecast.smoothingLevel),
            try #require(forecast.smoothingTrend), try #require(forecast.smoothingSeasonal), forecast.rmse,
        ]
        #expect(forecast.model == "holt_winters" && forecast.season == 5 && forecast.validation.isEmpty)
        #expect(forecast.path.count == 120)
        #expect(forecast.path.map(\.value.value).max() == forecast.max.value)
        #expect(forecast.path.map(\.lower.value).min() == forecast.lowerMin.value)
        #expect(summary.allSatisfy { $0.value.isFinite }, "\(id) forecast \(summary.map(\.value))")
        #expect(forecast.lowerMin.value <= forecast.min.value, "\(id) lower bound")
        #expect(forecast.upperMax.value >= forecast.max.value, "\(id) upper bound")
        #expect(forecast.min.value <= forecast.mean.value && forecast.mean.value <= forecast.max.value)
        #expect(forecast.steps == 120)
        #expect(forecast.resampledN == oracle.input.values.count)
        let sse = forecast.sse.value
        #expect(sse <= check.sseUpper.value, "\(id) SSE \(sse) above the oracle's bound \(check.sseUpper.value)")
    }

    @Test("by default the season is found and the model chosen; JSON has every candidate's validation and the path")
    func chosenModel() async throws {
        // 2 hours of 5 s samples: a 60-step cycle on a slow rise, and a random walk.
        let times = (0..<1440).map { Self.end - 1000 - Int64(1439 - $0) * 5000 }
        var random = SeededRandom(seed: 7)
        var walk = 100.0
        let history = OpenMetricsHistory(series: [
            .init(
                name: "analyze_choice", labels: [("case", "cycle")],
                samples: times.enumerated().map { ($1, 50 + 10 * sin(Double($0) * 2 * .pi / 60) + Double($0) / 500) }),
            .init(
                name: "analyze_choice", labels: [("case", "walk")],
                samples: times.map { time in
                    walk += Double.random(in: -1...1, using: &random)
                    return (time, walk)
                }),
        ])
        try await PrometheusFixture.with(history: history) { prometheus in
            let arguments = [
                "analyze_choice", "--source", prometheus.remoteReadURL, "--at", "\(Self.end / 1000)", "--format",
                "json", "--horizon", "1m",
            ]
            let objects = try Self.decode(try await AnalyzeCommand.parse(arguments).analyze())
            let byCase = Dictionary(objects.map { ($0.labels["case"] ?? "", $0) }) { first, _ in first }
            let cycle = try #require(byCase["cycle"]?.forecast.value)
            #expect(cycle.season == 60)
            #expect(cycle.steps == 12 && cycle.path.count == 12)
            #expect(cycle.validation.map(\.model) == ForecastModel.candidates(season: 60).map(\.rawValue))
            let best = cycle.validation.compactMap { $0.mae?.value }.min()
            #expect(cycle.validation.first { $0.model == cycle.model }?.mae?.value == best)
            let naive = try #require(cycle.validation.last?.mae?.value)
            #expect(try #require(best) <= naive)
            #expect(cycle.path.allSatisfy { $0.lower.value <= $0.value.value && $0.value.value <= $0.upper.value })
            #expect(cycle.path.first?.time == "2026-11-18T11:06:40.000Z")
            let walk = try #require(byCase["walk"]?.forecast.value)
            #expect(walk.season == nil)
            #expect(walk.validation.map(\.model) == ForecastModel.candidates(season: nil).map(\.rawValue))

            let pinned = try Self.decode(
                try await AnalyzeCommand.parse(arguments + ["--season-length", "none", "--model", "naive"]).analyze())
            #expect(pinned.allSatisfy { $0.forecast.value?.model == "naive" && $0.forecast.value?.season == nil })
        }
        for (option, value, message) in [
            ("--season-length", "1", "--season-length: expected auto, none or 2 to 10000 steps, got 1"),
            ("--model", "arima", "--model: expected one of auto, simple_exponential_smoothing"),
            ("--horizon", "7s", "--horizon: 7s is not a whole number of 5s steps"),
            ("--timeout", "soon", "--timeout"),
        ] {
            let command = try AnalyzeCommand.parse(["x", option, value])
            await #expect {
                _ = try await command.analyze()
            } throws: { error in
                "\(error)".contains(message)
            }
        }
    }

    @Test("--plot writes a standalone SVG with the series, the forecast and the interval")
    func plot() async throws {
        let samples = (0..<1440).map { index in
            let value = 50 + 10 * sin(Double(index) * 2 * .pi / 5) + Double(index) / 100
            return (Self.end - 1000 - Int64(1439 - index) * 5000, value)
        }
        let history = OpenMetricsHistory(series: [
            .init(name: "analyze_plot", labels: [("instance", "a&b")], samples: samples)
        ])
        try await PrometheusFixture.with(history: history) { prometheus in
            let directory = try TemporaryDirectory(prefix: "sibyl-analyze-plot")
            defer { directory.remove() }
            let file = directory.file("plot.svg")
            let command = try AnalyzeCommand.parse([
                "analyze_plot", "--source", prometheus.remoteReadURL, "--at", "\(Self.end / 1000)",
                "--window", "2h", "--plot", file.path,
            ])
            let table = try await command.analyze()
            #expect(table.contains("analyze_plot{instance=\"a&b\"}"))
            let svg = try String(contentsOf: file, encoding: .utf8)
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(svg.hasSuffix("</svg>\n"))
            #expect(svg.contains("<path class=\"series\" d=\"M"))
            #expect(svg.contains("<path class=\"forecast\" d=\"M"))
            #expect(svg.contains("<path class=\"interval\" d=\"M"))
            #expect(svg.contains("a&amp;b"))
            #expect(!svg.contains("<script"))
            #expect(svg.contains("time (UTC)"))
            #expect(svg.contains(">11:00</text>"), "a time label on the axis")

            // The series path has one point per sample of the last hour (720 + the sample at −1 h).
            let seriesPath = try #require(svg.split(separator: "\n").first { $0.contains("class=\"series\"") })
            #expect(seriesPath.components(separatedBy: " L").count == 721)
            let forecastPath = try #require(svg.split(separator: "\n").first { $0.contains("class=\"forecast\"") })
            #expect(forecastPath.components(separatedBy: " L").count == 120)

            // It is well-formed XML.
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "SVG does not parse: \(String(describing: parser.parserError))")
        }
    }

    @Test("more than 20 series report progress")
    func progress() async throws {
        let times = (0..<60).map { Self.end - 1000 - Int64(59 - $0) * 5000 }
        let history = OpenMetricsHistory(
            series: (0..<21).map { index in
                .init(
                    name: "analyze_many", labels: [("index", String(index))],
                    samples: times.map { ($0, Double(index + 1) * Double($0 % 7_000)) })
            })
        try await PrometheusFixture.with(history: history) { prometheus in
            let command = try AnalyzeCommand.parse([
                // The progress is under test, not the read's deadline: a loaded test run has taken more than 30 s.
                "analyze_many", "--source", prometheus.remoteReadURL, "--at", "\(Self.end / 1000)", "--timeout", "5m",
                "--format", "json",
            ])
            var lines: [String] = []
            let json = try await command.analyze { lines.append($0) }
            #expect(lines.contains("\ranalysing: 21/21 series"))
            #expect(lines.last == "\n")
            #expect(try Self.decode(json).count == 21)
        }
    }

    @Test("components that cannot be computed show their reason: NaN samples, a short series")
    func skippedComponents() async throws {
        let times = (0..<120).map { Self.end - 1000 - Int64(119 - $0) * 5000 }
        let withNaN = times.enumerated().map { ($1, $0 == 60 ? Double.nan : Double($0 % 7) + Double($0) / 10) }
        let short = times.suffix(6).enumerated().map { ($1, Double($0 * $0)) }
        let history = OpenMetricsHistory(series: [
            .init(name: "analyze_skips", labels: [("case", "nan")], samples: withNaN),
            .init(name: "analyze_skips", labels: [("case", "short")], samples: Array(short)),
        ])
        try await PrometheusFixture.with(history: history) { prometheus in
            let arguments = ["analyze_skips", "--source", prometheus.remoteReadURL, "--at", "\(Self.end / 1000)"]
            let objects = try Self.decode(try await AnalyzeCommand.parse(arguments + ["--format", "json"]).analyze())
            let byCase = Dictionary(objects.map { ($0.labels["case"] ?? "", $0) }) { first, _ in first }
            let nan = try #require(byCase["nan"])
            #expect(nan.skipped == nil)
            #expect(nan.windows.value?["1h"]?.value?.count == 119, "NaN is left out of the statistics")
            #expect(nan.adf.skipped?.hasPrefix("non_finite") == true, "\(String(describing: nan.adf.skipped))")
            #expect(nan.acf.skipped?.hasPrefix("non_finite") == true, "\(String(describing: nan.acf.skipped))")
            #expect(nan.forecast.value != nil, "the resampler interpolates over a NaN sample")
            let short = try #require(byCase["short"])
            let seasonality = String(describing: short.seasonality.skipped)
            #expect(short.seasonality.skipped?.hasPrefix("too_short") == true, "\(seasonality)")
            #expect(short.forecast.skipped?.hasPrefix("too_short") == true, "\(String(describing: short.forecast))")

            let table = try await AnalyzeCommand.parse(arguments).analyze()
            #expect(table.contains("ADF              skipped: non_finite"))
            #expect(table.contains("seasonality      skipped: too_short"))
            #expect(table.contains("forecast         skipped: too_short"))
        }
    }

    @Test("a bad selector names the column")
    func badSelector() async throws {
        let command = try AnalyzeCommand.parse(["analyze_case{case=}"])
        let error = await #expect(throws: ValidationError.self) { _ = try await command.analyze() }
        let message = error?.message ?? ""
        #expect(message.hasPrefix("invalid selector at line 1, column 19:"), "\(message)")
        #expect(message.hasSuffix("\n  analyze_case{case=}\n                    ^"))
    }

    @Test("a bad window or format is rejected")
    func badArguments() async throws {
        let command = try AnalyzeCommand.parse(["up", "--window", "soon"])
        await #expect(throws: ValidationError.self) { _ = try await command.analyze() }
        #expect(throws: (any Error).self) { try AnalyzeCommand.parse(["up", "--format", "yaml"]) }
    }

    // MARK: Helpers

    /// The sample standard deviation (ddof 1).
    static func standardDeviation(_ values: [Double]) -> Double {
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
    }
}
