/// How much derived history Sibyl computes from the source's raw history when it starts (the `backfill` section).
package struct BackfillConfiguration: Sendable, Hashable {
    /// How far back before the start every past cycle is computed (default `0s`: no backfill).
    package var range: PrometheusDuration
    /// Whether the backfill also computes the metadata, forecasts and objectives at their cadences (default
    /// `false`: window statistics and native-histogram results only).
    package var analyses: Bool

    /// Creates a backfill configuration.
    /// - Parameters:
    ///   - range: how far back to compute.
    ///   - analyses: whether to compute the slower analyses too.
    package init(range: PrometheusDuration = PrometheusDuration(milliseconds: 0), analyses: Bool = false) {
        self.range = range
        self.analyses = analyses
    }

    /// Whether a backfill runs at all.
    package var isEnabled: Bool { range.milliseconds > 0 }
}
