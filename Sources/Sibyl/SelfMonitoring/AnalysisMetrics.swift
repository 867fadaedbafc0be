import SibylAnalysis
package import SibylWire

/// Self-monitoring of the slower analyses (metadata, forecast): runs, their duration, and what was skipped.
package struct AnalysisMetrics: Sendable {
    /// One skipped analysis kind and reason.
    package struct Skip: Sendable, Hashable {
        /// `adf`, `acf`, `seasonality` or `forecast`.
        package var analysis: String
        /// A bounded reason (`all_zero`, `constant`, `too_short`, `non_finite`, …).
        package var reason: String

        /// Creates a key.
        /// - Parameters:
        ///   - reason: why it was skipped.
        package init(_ analysis: String, _ reason: String) {
            self.analysis = analysis
            self.reason = reason
        }
    }

    /// What one run of an analysis did.
    package struct Run: Sendable {
        /// `metadata` or `forecast`.
        package var analysis: String
        /// Wall time in seconds.
        package var duration: Double
        /// Series with a result.
        package var series: Int
        /// The evaluation time analysed, in milliseconds.
        package var time: Int64
        /// Per skipped analysis and reason, how many series.
        package var skipped: [Skip: Int]
    }

    /// Skipped analyses by kind and reason, since start.
    package private(set) var skipped: [Skip: Int] = [:]
    /// Completed runs by analysis.
    package private(set) var runs: [String: Int] = [:]
    /// Wall time of the last run by analysis, in seconds.
    package private(set) var durations: [String: Double] = [:]
    /// Series with a result in the last run, by analysis.
    package private(set) var series: [String: Int] = [:]
    /// The evaluation time of the last run by analysis, in milliseconds.
    package private(set) var times: [String: Int64] = [:]

    /// Creates zeroed metrics.
    package init() {}

    /// Adds one run.
    /// - Parameter run: what it did.
    package mutating func record(_ run: Run) {
        runs[run.analysis, default: 0] += 1
        durations[run.analysis] = run.duration
        series[run.analysis] = run.series
        times[run.analysis] = run.time
        for (key, count) in run.skipped { skipped[key, default: 0] += count }
    }

    /// The analyses whose runs are counted.
    package static let analyses = ["metadata", "forecast", "objectives"]
    /// The analyses that can be skipped for a series.
    package static let skippableAnalyses = ["adf", "acf", "seasonality", "forecast"]

    /// The `sibyl_analysis_*` families. The counters start at 0 for every analysis (and skip reason), so that a
    /// healthy Sibyl shows them from the first scrape.
    package func families() -> [MetricFamily] {
        func labelled(_ values: [String: Double]) -> [(RenderedLabels, Double)] {
            values.compactMap { analysis, value in
                (try? RenderedLabels([(name: "analysis", value: analysis)])).map { ($0, value) }
            }
        }
        var runs = self.runs
        for analysis in Self.analyses where runs[analysis] == nil { runs[analysis] = 0 }
        var skipped = self.skipped
        for analysis in Self.skippableAnalyses {
            for reason in AnalysisError.reasons + SeriesMetadataResult.skipReasons {
                skipped[Skip(analysis, reason), default: 0] += 0
            }
        }
        typealias Families = SelfMonitoringFamilies
        return [
            Families.analysisRuns.family(labelled(runs.mapValues(Double.init))),
            Families.analysisDuration.family(labelled(durations)),
            Families.analysisSeries.family(labelled(series.mapValues(Double.init))),
            Families.analysisLastTimestamp.family(labelled(times.mapValues { Double($0) / 1000 })),
            Families.analysisSkipped.family(
                skipped.compactMap { key, count in
                    (try? RenderedLabels([(name: "analysis", value: key.analysis), (name: "reason", value: key.reason)]))
                        .map { ($0, Double(count)) }
                }),
        ]
    }
}
