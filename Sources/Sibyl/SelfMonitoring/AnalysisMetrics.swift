import SibylAnalysis
public import SibylWire

/// Self-monitoring of the slower analyses (metadata, forecast): runs, their duration, and what was skipped.
public struct AnalysisMetrics: Sendable {
    /// One skipped analysis kind and reason.
    public struct Skip: Sendable, Hashable {
        /// `adf`, `acf`, `seasonality` or `forecast`.
        public var analysis: String
        /// A bounded reason (`all_zero`, `constant`, `too_short`, `non_finite`, …).
        public var reason: String

        /// Creates a key.
        /// - Parameters:
        ///   - analysis: the analysis.
        ///   - reason: why it was skipped.
        public init(_ analysis: String, _ reason: String) {
            self.analysis = analysis
            self.reason = reason
        }
    }

    /// What one run of an analysis did.
    public struct Run: Sendable {
        /// `metadata` or `forecast`.
        public var analysis: String
        /// Wall time in seconds.
        public var duration: Double
        /// Series with a result.
        public var series: Int
        /// The evaluation time analysed, in milliseconds.
        public var time: Int64
        /// Per skipped analysis and reason, how many series.
        public var skipped: [Skip: Int]
    }

    /// Skipped analyses by kind and reason, since start.
    public private(set) var skipped: [Skip: Int] = [:]
    /// Completed runs by analysis.
    public private(set) var runs: [String: Int] = [:]
    /// Wall time of the last run by analysis, in seconds.
    public private(set) var durations: [String: Double] = [:]
    /// Series with a result in the last run, by analysis.
    public private(set) var series: [String: Int] = [:]
    /// The evaluation time of the last run by analysis, in milliseconds.
    public private(set) var times: [String: Int64] = [:]

    /// Creates zeroed metrics.
    public init() {}

    /// Adds one run.
    /// - Parameter run: what it did.
    public mutating func record(_ run: Run) {
        runs[run.analysis, default: 0] += 1
        durations[run.analysis] = run.duration
        series[run.analysis] = run.series
        times[run.analysis] = run.time
        for (key, count) in run.skipped { skipped[key, default: 0] += count }
    }

    /// The analyses whose runs are counted.
    public static let analyses = ["metadata", "forecast", "objectives"]
    /// The analyses that can be skipped for a series.
    public static let skippableAnalyses = ["adf", "acf", "seasonality", "forecast"]

    /// The `sibyl_analysis_*` families. The counters start at 0 for every analysis (and skip reason), so that a
    /// healthy Sibyl shows them from the first scrape.
    public func families() -> [MetricFamily] {
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
