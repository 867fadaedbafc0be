/// What a native histogram sample says about counter resets, as Prometheus' chunks and `prompb.Histogram` carry it.
public enum CounterResetHint: String, Sendable, Hashable, CaseIterable {
    /// Nothing is known: a reset has to be detected by comparing with the previous sample.
    case unknown
    /// This is the first sample after a counter reset.
    case reset
    /// There was no counter reset since the previous sample.
    case notReset = "not_reset"
    /// A gauge histogram: counter resets do not apply.
    case gauge
}
