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

    /// The families.
    /// - Returns: the `sibyl_analysis_*` families.
    public func families() -> [MetricFamily] {
        func family(
            _ name: String, _ kind: MetricFamily.Kind, _ help: String, _ values: [String: Double]
        ) -> MetricFamily? {
            guard var family = try? MetricFamily(name: name, kind: kind, help: help) else { return nil }
            for (analysis, value) in values {
                guard let labels = try? RenderedLabels([(name: "analysis", value: analysis)]) else { continue }
                family.append(labels, value)
            }
            return family
        }
        var out = [
            family(
                "sibyl_analysis_runs_total", .counter, "Completed runs of the metadata and forecast analyses.",
                runs.mapValues(Double.init)),
            family("sibyl_analysis_duration_seconds", .gauge, "Wall time of the analysis' last run.", durations),
            family(
                "sibyl_analysis_series", .gauge, "Series with a result in the analysis' last run.",
                series.mapValues(Double.init)),
            family(
                "sibyl_analysis_last_timestamp_seconds", .gauge,
                "Evaluation time T the analysis' last run looked at, in Unix seconds.",
                times.mapValues { Double($0) / 1000 }),
        ].compactMap { $0 }
        if var family = try? MetricFamily(
            name: "sibyl_analysis_skipped_total", kind: .counter,
            help: "Series for which an analysis was skipped, by analysis and reason, counted per run.")
        {
            for (key, count) in skipped {
                guard let labels = try? RenderedLabels([(name: "analysis", value: key.analysis), (name: "reason", value: key.reason)])
                else { continue }
                family.append(labels, Double(count))
            }
            out.append(family)
        }
        return out
    }
}
