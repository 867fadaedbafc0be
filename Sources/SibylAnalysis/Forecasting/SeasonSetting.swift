/// How a forecast gets its season: found in the data (``SeasonDetector``), pinned, or none.
public enum SeasonSetting: Sendable, Hashable {
    /// Found in each series' resampled window by ``SeasonDetector`` (no season when it finds none).
    case automatic
    /// A season of this many steps, at least 2.
    case fixed(Int)
    /// No season: only the non-seasonal models are candidates.
    case none

    /// The season of `values` under this setting.
    /// - Parameter values: the resampled window.
    /// - Returns: the season in steps, or `nil` for none.
    public func season(of values: [Double]) -> Int? {
        switch self {
        case .automatic: SeasonDetector.season(values)
        case .fixed(let steps): steps
        case .none: nil
        }
    }
}
