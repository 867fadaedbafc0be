/// When and over what Sibyl analyses its series (the `evaluation` section).
package struct EvaluationConfiguration: Sendable, Hashable {
    /// The time between two evaluation cycles (default 60s).
    package var interval: PrometheusDuration
    /// The sampling step the analyses assume, and the resampling step of forecasts (default 5s).
    package var step: PrometheusDuration
    /// The windows statistics are computed over, ascending (default 1h, 3h, 12h); the longest is kept in memory.
    package var windows: [PrometheusDuration]
    /// The time between two computations of the time-series metadata (ADF, ACF, decomposition) (default 5m).
    package var metadataInterval: PrometheusDuration
    /// How long without a successful cycle before the derived series are withdrawn and `/-/ready` fails; `nil`
    /// for the default, three intervals (``effectiveStaleAfter``).
    package var staleAfter: PrometheusDuration?

    /// Creates an evaluation configuration.
    /// - Parameters:
    ///   - interval: the time between two cycles.
    ///   - step: the sampling step.
    ///   - windows: the windows, in any order (they are sorted ascending).
    ///   - metadataInterval: the time between two metadata computations.
    ///   - staleAfter: how long without a successful cycle before the results are withdrawn (`nil`: 3 intervals).
    package init(
        interval: PrometheusDuration = PrometheusDuration(milliseconds: 60_000),
        step: PrometheusDuration = PrometheusDuration(milliseconds: 5000),
        windows: [PrometheusDuration] = [3_600_000, 10_800_000, 43_200_000].map(PrometheusDuration.init(milliseconds:)),
        metadataInterval: PrometheusDuration = PrometheusDuration(milliseconds: 300_000),
        staleAfter: PrometheusDuration? = nil
    ) {
        self.interval = interval
        self.step = step
        self.windows = windows.sorted()
        self.metadataInterval = metadataInterval
        self.staleAfter = staleAfter
    }

    /// ``staleAfter``, or three intervals when it is not set: long enough that one or two failed reads do not
    /// withdraw anything.
    package var effectiveStaleAfter: PrometheusDuration {
        if let staleAfter { return staleAfter }
        let (tripled, overflow) = interval.milliseconds.multipliedReportingOverflow(by: 3)
        return PrometheusDuration(milliseconds: overflow ? .max : tripled)
    }

    /// The longest window, which is what each series keeps in memory (zero when there is no window).
    package var longestWindow: PrometheusDuration { windows.max() ?? PrometheusDuration(milliseconds: 0) }
}
