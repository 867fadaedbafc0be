package import SibylAnalysis
package import SibylWire

/// What the evaluation needs of one objective: its name, the series it judges, the range, the transform and the
/// windows (in milliseconds, ascending).
package struct ObjectiveSpecification: Sendable, Hashable {
    /// The objective's unique name (the label `objective`).
    package var name: String
    /// The series judged, each on its own.
    package var selector: SeriesSelector
    /// The allowed range.
    package var range: AllowedRange
    /// Whether the per-second rate of the samples (a counter's) is judged instead of the samples.
    package var isRate: Bool
    /// The windows, in milliseconds, ascending.
    package var windows: [Int64]

    /// Creates a specification.
    /// - Parameters:
    ///   - name: the objective's name.
    ///   - selector: the series judged.
    ///   - range: the allowed range.
    ///   - isRate: whether the rate is judged.
    ///   - windows: the windows in milliseconds.
    package init(name: String, selector: SeriesSelector, range: AllowedRange, isRate: Bool, windows: [Int64]) {
        self.name = name
        self.selector = selector
        self.range = range
        self.isRate = isRate
        self.windows = windows.sorted()
    }
}
