import SibylWire
import Testing

@testable import Sibyl

/// The analyses' self-monitoring: counters whose label values are known start at 0, so that a healthy Sibyl shows
/// them from the first scrape.
struct AnalysisMetricsTests {
    static func samples(_ metrics: AnalysisMetrics) throws -> [String: Double] {
        let text = try ExpositionWriter().renderString(metrics.families())
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            samples[String(parts[0])] = Double(parts[1])
        }
        return samples
    }

    @Test("before any run: runs by analysis and skips by analysis and reason are exposed at 0")
    func zeroAtStart() throws {
        let samples = try Self.samples(AnalysisMetrics())
        for analysis in ["metadata", "forecast", "objectives"] {
            #expect(samples["sibyl_analysis_runs_total{analysis=\"\(analysis)\"}"] == 0, "\(analysis)")
        }
        let reasons = ["too_short", "constant", "non_finite", "invalid_argument", "no_samples", "all_zero"]
        for analysis in ["adf", "acf", "seasonality", "forecast"] {
            for reason in reasons {
                let key = "sibyl_analysis_skipped_total{analysis=\"\(analysis)\",reason=\"\(reason)\"}"
                #expect(samples[key] == 0, "\(key)")
            }
        }
        #expect(samples.keys.filter { $0.hasPrefix("sibyl_analysis_skipped_total") }.count == 24)
        #expect(!samples.keys.contains { $0.hasPrefix("sibyl_analysis_duration_seconds") }, "no run, no duration")
    }

    @Test("a run adds to the zeroed counters")
    func counting() throws {
        var metrics = AnalysisMetrics()
        metrics.record(
            AnalysisMetrics.Run(
                analysis: "metadata", duration: 0.5, series: 3, time: 60_000,
                skipped: [AnalysisMetrics.Skip("adf", "constant"): 2]))
        let samples = try Self.samples(metrics)
        #expect(samples["sibyl_analysis_runs_total{analysis=\"metadata\"}"] == 1)
        #expect(samples["sibyl_analysis_runs_total{analysis=\"forecast\"}"] == 0)
        #expect(samples["sibyl_analysis_skipped_total{analysis=\"adf\",reason=\"constant\"}"] == 2)
        #expect(samples["sibyl_analysis_skipped_total{analysis=\"acf\",reason=\"constant\"}"] == 0)
        #expect(samples["sibyl_analysis_last_timestamp_seconds{analysis=\"metadata\"}"] == 60)
    }
}
