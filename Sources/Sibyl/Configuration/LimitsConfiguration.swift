/// Bounds on what one Sibyl holds (the `limits` section).
public struct LimitsConfiguration: Sendable, Hashable {
    /// The most series analysed at once; series beyond it are dropped and counted (default 20000).
    public var maxSeries: Int

    /// Creates a limits configuration.
    /// - Parameter maxSeries: the most series analysed at once.
    public init(maxSeries: Int = 20_000) {
        self.maxSeries = maxSeries
    }
}
