/// The burn rate's straight-line trend over recent cycles, and when the budget runs out if it holds.
///
/// The trend is the least-squares line through each cycle's burn rate (its bad events over its events, over
/// `1 − target`) against its time. From now on the burn rate is taken to follow the line, never below 0, so the
/// budget share spent after `t` seconds is `∫₀ᵗ max(0, b₀ + k·s) ds / period`: the budget runs out at the first `t`
/// where that reaches the share remaining. A steady burn `b` gives `remaining × period / b`, the period basis's
/// answer; a rising one, sooner; a falling one, later or never.
public struct BurnRateTrend: Sendable, Hashable {
    /// The burn rate the line gives now.
    public let current: Double
    /// Its change per second.
    public let slope: Double

    /// Fits the line.
    /// - Parameters:
    ///   - cycles: each cycle's time (Unix milliseconds) and events; cycles without events are left out.
    ///   - budget: the budget the burn rates are of.
    ///   - now: the time the line is read at, Unix milliseconds.
    /// - Returns: `nil` with fewer than two cycles with events.
    public init?(cycles: [(time: Int64, events: SLIEvents)], budget: ErrorBudget, now: Int64) {
        let points = cycles.compactMap { cycle in
            budget.burnRate(cycle.events).map { (x: Double(cycle.time - now) / 1000, y: $0) }
        }
        guard points.count >= 2 else { return nil }
        let count = Double(points.count)
        let meanX = points.reduce(0) { $0 + $1.x } / count
        let meanY = points.reduce(0) { $0 + $1.y } / count
        let sxx = points.reduce(0) { $0 + ($1.x - meanX) * ($1.x - meanX) }
        let sxy = points.reduce(0) { $0 + ($1.x - meanX) * ($1.y - meanY) }
        guard sxx > 0 else { return nil }
        slope = sxy / sxx
        current = meanY - slope * meanX
    }

    /// The seconds until the budget is spent if the trend holds: 0 when nothing remains, `nil` when it is never
    /// spent within `periodSeconds`.
    /// - Parameters:
    ///   - remaining: the share of the budget left.
    ///   - periodSeconds: the budget's period.
    public func exhaustionSeconds(remaining: Double, periodSeconds: Double) -> Double? {
        guard remaining.isFinite, current.isFinite, slope.isFinite else { return nil }
        guard remaining > 0 else { return 0 }
        // The budget share to spend, in burn-rate seconds: ∫₀ᵗ (b₀ + k·s) ds = b₀·t + k·t²/2.
        let need = remaining * periodSeconds
        let seconds: Double
        if slope == 0 {
            guard current > 0 else { return nil }
            seconds = need / current
        } else if slope > 0 {
            // The line rises: from where it crosses 0 (or now) the integral grows without bound.
            let start = max(0, -current / slope)
            let before = current * start + slope * start * start / 2
            let a = slope / 2
            let b = current
            let c = -(need + before)
            // The root of a·t² + b·t + c = 0 after `start`, written to keep its precision for a small slope.
            seconds = 2 * -c / (b + (b * b - 4 * a * c).squareRoot())
        } else {
            // The line falls: the burn stops at t₀ = −b₀ / k, having spent b₀·t₀ / 2.
            guard current > 0 else { return nil }
            let stop = -current / slope
            guard current * stop / 2 >= need else { return nil }
            let a = slope / 2
            let b = current
            let c = -need
            seconds = 2 * -c / (b + (b * b - 4 * a * c).squareRoot())
        }
        return seconds.isFinite && seconds <= periodSeconds ? seconds : nil
    }
}
