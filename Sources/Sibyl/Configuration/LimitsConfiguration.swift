/// Bounds on what one Sibyl holds (the `limits` section).
package struct LimitsConfiguration: Sendable, Hashable {
    /// The most series analysed at once; series beyond it are dropped and counted (default 20000).
    package var maxSeries: Int

    /// Creates a limits configuration.
    /// - Parameter maxSeries: the most series analysed at once.
    package init(maxSeries: Int = 20_000) {
        self.maxSeries = maxSeries
    }
}
