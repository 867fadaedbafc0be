import Foundation
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

/// Oracle cases pre-filled into a real Prometheus, read by a real Sibyl, and the exposed metadata and forecasts
/// compared with statsmodels' pipeline outputs at the oracle README's tolerances.
@Suite(.enabled(if: TestBinaries.runnable(.prometheus, .promtool)))
struct AnalysisEndToEndTests {
    static let caseIDs = [
        "memory_bytes_8640", "counter_packets_8640", "cpu_like_8640", "gaps_jitter_720", "sine_p5_720",
        "white_noise_720", "short_30", "constant_720", "all_zeros_720",
    ]
    static let step: Int64 = 5000

    /// The parts of a case file this test needs beyond ``OracleCase``.
    struct Extra: Decodable {
        struct Pipeline: Decodable {
            struct Forecast: Decodable {
                var resampledN: Int
                var max: OracleNumber
                var min: OracleNumber
                var mean: OracleNumber
            }
            var forecast: OracleOutcome<Forecast>?
        }
        var pipeline: Pipeline
        var holtWintersCheck: ForecastOracleCase.Check?

        static func load(_ id: String) throws -> Extra {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(Extra.self, from: OracleIndex.caseData(id))
        }
    }

    /// Every case shifted by a multiple of the step so that its last grid slot is `last` (pandas' 5 s bins
    /// stay aligned), as the series `sibyl_oracle{case="<id>"}`.
    static func history(_ cases: [OracleCase], last: Int64) -> OpenMetricsHistory {
        OpenMetricsHistory(
            series: cases.map { oracle in
                let timestamps = oracle.timestamps
                let origin = oracle.input.t0Ms / step * step  // t0 itself may carry scrape jitter
                let lastSlot = ((timestamps.last ?? 0) - origin + step - 1) / step
                let shift = last - (origin + lastSlot * step)
                let samples = zip(timestamps, oracle.input.values.doubles).map { ($0 + shift, $1) }
                return OpenMetricsHistory.Series(name: "sibyl_oracle", labels: [("case", oracle.id)], samples: samples)
            })
    }

    static func configuration(source: String) throws -> SibylConfiguration {
        try SibylConfiguration(
            yaml: """
                source: {url: '\(source)'}
                evaluation: {interval: 1h, step: 5s, windows: [1h, 3h, 12h]}
                selectors: ['sibyl_oracle']
                forecast: {selectors: ['sibyl_oracle'], min_history: 0s, season_length: 5, model: holt_winters}
                """, file: "e2e.yml")
    }

    @Test("exposed ADF, ACF, seasonal pattern, window statistics and forecasts equal statsmodels' pipeline outputs")
    func oracleCasesThroughPrometheus() async throws {
        let cases = try Self.caseIDs.map(OracleCase.load)
        let last = (wallClockMilliseconds() - 20_000) / Self.step * Self.step
        let time = last + 1000
        try await ServiceFixture.withPrometheus(holding: Self.history(cases, last: last), at: time) { prometheus in
            try await SibylServerFixture.with(try Self.configuration(source: prometheus.remoteReadURL), at: time) {
                port in
                let text = try await SibylServerFixture.metrics(port: port) { text in
                    text.contains("sibyl_analysis_runs_total{analysis=\"metadata\"} 1")
                        && text.contains("sibyl_analysis_runs_total{analysis=\"forecast\"} 1")
                }
                let samples = ExposedSample.parse(text)
                for oracle in cases {
                    let mine = samples.filter {
                        $0.labels["metric"] == "sibyl_oracle" && $0.labels["case"] == oracle.id
                    }
                    try Self.check(oracle, Extra.load(oracle.id), mine)
                }
                Self.checkSkips(samples)
            }
        }
    }

    static func value(_ samples: [ExposedSample], _ name: String, _ labels: [String: String] = [:]) -> Double? {
        let found = samples.filter { sample in
            sample.name == name && labels.allSatisfy { key, value in sample.labels[key] == value }
        }
        return found.count == 1 ? found[0].value : nil
    }

    static func check(_ oracle: OracleCase, _ extra: Extra, _ samples: [ExposedSample]) throws {
        let id = oracle.id
        guard let pipeline = oracle.pipeline, !pipeline.skipped else {
            #expect(!samples.contains { $0.name.hasPrefix("sibyl_adf") || $0.name.hasPrefix("sibyl_acf") }, "\(id)")
            return
        }
        // Window statistics: the pipeline's windows end at the last sample, Sibyl's at T = last + 1 s; the same
        // samples on the regular grid.
        if oracle.input.timestampsMs == nil {
            for (window, stats) in pipeline.stats ?? [:] {
                let labels = ["window": window]
                #expect(value(samples, "sibyl_window_samples", labels) == Double(stats.count), "\(id) \(window) count")
                for (name, want) in [
                    ("sibyl_window_max", stats.max), ("sibyl_window_min", stats.min), ("sibyl_window_avg", stats.mean),
                    ("sibyl_window_stddev", stats.std),
                ] {
                    expectClose(value(samples, name, labels) ?? .nan, want.value, rtol: 1e-9, "\(id) \(name) \(window)")
                }
            }
        }
        switch pipeline.adf {
        case .value(let adf)?:
            expectClose(
                value(samples, "sibyl_adf_statistic") ?? .nan, adf.statistic.value, rtol: 1e-9, "\(id) statistic")
            expectClose(
                value(samples, "sibyl_adf_pvalue") ?? .nan, adf.pvalue.value, rtol: 1e-9, atol: 1e-15, "\(id) p")
            #expect(value(samples, "sibyl_adf_used_lags") == Double(adf.usedlag), "\(id) used lags")
            #expect(value(samples, "sibyl_adf_observations") == Double(adf.nobs), "\(id) nobs")
            expectClose(
                value(samples, "sibyl_adf_information_criterion") ?? .nan, adf.icbest.value, rtol: 1e-9, "\(id) icbest")
            for level in ["1%", "5%", "10%"] {
                expectClose(
                    value(samples, "sibyl_adf_critical_value", ["level": level]) ?? .nan,
                    adf.criticalValues[level]?.value ?? .nan, rtol: 1e-12, "\(id) critical \(level)")
            }
            #expect(value(samples, "sibyl_stationary") == (adf.pvalue.value < 0.05 ? 1 : 0), "\(id) stationary")
        case .error?, nil:
            #expect(value(samples, "sibyl_adf_statistic") == nil, "\(id): statsmodels raised, nothing exposed")
        }
        switch pipeline.acf {
        case .value(let acf)? where acf.values.dropFirst().contains(where: { !$0.value.isNaN }):
            for lag in 1...min(10, acf.nlags) {
                expectClose(
                    value(samples, "sibyl_acf", ["lag": "\(lag)"]) ?? .nan, acf.values[lag].value, rtol: 0, atol: 1e-10,
                    "\(id) acf \(lag)")
            }
        default:
            #expect(value(samples, "sibyl_acf", ["lag": "1"]) == nil, "\(id): no ACF expected")
        }
        switch pipeline.seasonality {
        case .value(let seasonality)?:
            let values = oracle.input.values.doubles.filter { !$0.isNaN }
            let mean = values.reduce(0, +) / Double(values.count)
            let std = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
            let maxAbs = values.map(abs).max() ?? 0
            for phase in 0..<5 {
                expectClose(
                    value(samples, "sibyl_seasonal_component", ["phase": "\(phase)"]) ?? .nan,
                    seasonality.seasonal[phase].value, rtol: 1e-9, atol: 1e-10 * std + 1e-14 * maxAbs,
                    "\(id) seasonal \(phase)")
            }
        case .error?, nil:
            #expect(value(samples, "sibyl_seasonal_component", ["phase": "0"]) == nil, "\(id): no seasonality")
        }
        try checkForecast(id, extra, samples)
    }

    static func checkForecast(_ id: String, _ extra: Extra, _ samples: [ExposedSample]) throws {
        guard case .value(let forecast)? = extra.pipeline.forecast, let check = extra.holtWintersCheck else { return }
        let rmse = try #require(value(samples, "sibyl_forecast_rmse"), "\(id): no forecast exposed")
        let sse = rmse * rmse * Double(forecast.resampledN)
        #expect(sse <= check.sseUpper.value * (1 + 1e-12), "\(id): SSE \(sse) above \(check.sseUpper.value)")
        let horizon = ["horizon": "10m"]
        if check.tier == "sse_and_forecast", let tolerance = check.forecastAbsTol?.value {
            for (name, want) in [
                ("sibyl_forecast_max", forecast.max), ("sibyl_forecast_min", forecast.min),
                ("sibyl_forecast_avg", forecast.mean),
            ] {
                expectClose(
                    value(samples, name, horizon) ?? .nan, want.value, rtol: 0, atol: tolerance, "\(id) \(name)")
            }
        }
        let lower = try #require(value(samples, "sibyl_forecast_lower", horizon))
        let upper = try #require(value(samples, "sibyl_forecast_upper", horizon))
        let minimum = try #require(value(samples, "sibyl_forecast_min", horizon))
        let maximum = try #require(value(samples, "sibyl_forecast_max", horizon))
        #expect(lower <= minimum && maximum <= upper, "\(id): the interval contains the point forecast")
        for parameter in ["level", "trend", "seasonal"] {
            let smoothing = try #require(value(samples, "sibyl_forecast_smoothing", ["parameter": parameter]))
            #expect((0...1).contains(smoothing), "\(id) \(parameter)")
        }
    }

    static func checkSkips(_ samples: [ExposedSample]) {
        func skipped(_ analysis: String, _ reason: String) -> Double {
            value(samples, "sibyl_analysis_skipped_total", ["analysis": analysis, "reason": reason]) ?? 0
        }
        #expect(skipped("adf", "all_zero") == 1, "all_zeros_720")
        #expect(skipped("adf", "constant") == 1, "constant_720")
        #expect(value(samples, "sibyl_analysis_series", ["analysis": "metadata"]) == Double(caseIDs.count - 1))
    }
}
