public import SibylAnalysis
public import SibylWire

/// One objective judged at one evaluation time: every matching series, its windows and its predictions.
public struct ObjectiveResult: Sendable {
    /// One window of one series.
    public struct Window: Sendable {
        /// The window length in milliseconds.
        public var milliseconds: Int64
        /// Samples and time outside, compliance and worst value.
        public var compliance: WindowCompliance
    }

    /// The prediction for one bound, with its ETA counted from the evaluation time.
    public struct Prediction: Sendable {
        /// The judgement of the forecast path against the bound.
        public var violation: PredictedViolation
        /// Seconds from the evaluation time T to the first forecast step beyond the bound (never negative).
        public var etaSeconds: Double?
    }

    /// One series judged.
    public struct Series: Sendable {
        /// The source series' labels.
        public var labels: [Label]
        /// One entry per objective window.
        public var windows: [Window]
        /// One per bound of the range, when a forecast exists.
        public var predictions: [Prediction]
        /// Why there is no prediction, when there is none.
        public var forecastError: AnalysisError?
    }

    /// The objective.
    public var specification: ObjectiveSpecification
    /// The evaluation time T in milliseconds.
    public var time: Int64
    /// The matching series, sorted by label set.
    public var series: [Series]
}
