public import SibylAnalysis
public import SibylWire

/// What the evaluation needs of one objective: its name, the series it judges, the range, the transform and the
/// windows (in milliseconds, ascending).
public struct ObjectiveSpecification: Sendable, Hashable {
    /// The objective's unique name (the label `objective`).
    public var name: String
    /// The series judged, each on its own.
    public var selector: SeriesSelector
    /// The allowed range.
    public var range: AllowedRange
    /// Whether the per-second rate of the samples (a counter's) is judged instead of the samples.
    public var isRate: Bool
    /// The windows, in milliseconds, ascending.
    public var windows: [Int64]

    /// Creates a specification.
    /// - Parameters:
    ///   - name: the objective's name.
    ///   - selector: the series judged.
    ///   - range: the allowed range.
    ///   - isRate: whether the rate is judged.
    ///   - windows: the windows in milliseconds.
    public init(name: String, selector: SeriesSelector, range: AllowedRange, isRate: Bool, windows: [Int64]) {
        self.name = name
        self.selector = selector
        self.range = range
        self.isRate = isRate
        self.windows = windows.sorted()
    }
}
