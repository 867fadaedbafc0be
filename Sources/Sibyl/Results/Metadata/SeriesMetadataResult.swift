package import SibylAnalysis
package import SibylWire

/// The time-series metadata of one stored series at one evaluation time.
package struct SeriesMetadataResult: Sendable {
    /// The source series' label set.
    package var labels: [Label]
    /// The ADF test, the ACF and the seasonal decomposition, each computed or failed on its own.
    package var metadata: SeriesMetadata?
    /// Why the whole series was skipped when ``metadata`` is `nil` (`no_samples`, `all_zero`).
    package var skipReason: String?

    /// A series with no sample in the longest window.
    static let noSamples = "no_samples"
    /// A series whose samples are all 0 (the first system skipped those).
    static let allZero = "all_zero"
    /// Every ``skipReason``.
    static let skipReasons = [noSamples, allZero]
}
