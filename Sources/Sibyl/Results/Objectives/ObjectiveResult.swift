package import SibylAnalysis
package import SibylWire

/// One objective judged at one evaluation time: every matching series, its windows and its predictions.
package struct ObjectiveResult: Sendable {
    /// One window of one series.
    package struct Window: Sendable {
        /// The window length in milliseconds.
        package var milliseconds: Int64
        /// Samples and time outside, compliance and worst value.
        package var compliance: WindowCompliance
    }

    /// The prediction for one bound, with its ETA counted from the evaluation time.
    ///
    /// A series whose latest value is already beyond the bound is violated, not predicted to be: its prediction
    /// for that bound is not a predicted violation (no flag, no ETA), whatever the forecast path does.
    package struct Prediction: Sendable {
        /// The judgement of the forecast path against the bound.
        package var violation: PredictedViolation
        /// Seconds from the evaluation time T to the first forecast step beyond the bound (never negative); `nil`
        /// when no crossing is predicted.
        package var etaSeconds: Double?
        /// Whether the series' latest value is already beyond the bound.
        package var isAlreadyBeyond: Bool

        /// Creates a prediction.
        /// - Parameters:
        ///   - violation: the forecast path against the bound.
        ///   - etaSeconds: seconds from T to the first step beyond the bound, if any.
        ///   - isAlreadyBeyond: whether the latest value is already beyond the bound (the ETA is then dropped).
        package init(violation: PredictedViolation, etaSeconds: Double?, isAlreadyBeyond: Bool = false) {
            self.violation = violation
            self.etaSeconds = isAlreadyBeyond ? nil : etaSeconds
            self.isAlreadyBeyond = isAlreadyBeyond
        }

        /// Whether a crossing is predicted: the point forecast leaves the range through the bound, and the series
        /// is not beyond it already.
        package var isPredicted: Bool { violation.isPredicted && !isAlreadyBeyond }
    }

    /// One series judged.
    package struct Series: Sendable {
        /// The source series' labels.
        package var labels: [Label]
        /// One entry per objective window.
        package var windows: [Window]
        /// One per bound of the range, when a forecast exists.
        package var predictions: [Prediction]
        /// Why there is no prediction, when there is none.
        package var forecastError: AnalysisError?
    }

    /// The objective.
    package var specification: ObjectiveSpecification
    /// The evaluation time T in milliseconds.
    package var time: Int64
    /// The matching series, sorted by label set.
    package var series: [Series]
    /// The matching series left out: with `divide_by`, those without exactly one divisor.
    package var skipped: [ObjectiveRatio.Skip] = []
}
