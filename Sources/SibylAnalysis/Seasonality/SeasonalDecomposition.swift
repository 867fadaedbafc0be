/// Classical additive decomposition `x = trend + seasonal + resid`, as statsmodels
/// `seasonal_decompose(x, model="additive", period=p)` computes it (algorithms.md §4).
///
/// Trend: centred moving average, `p` weights `1/p` for odd `p`, `p + 1` weights `½/p, 1/p, …, 1/p, ½/p`
/// for even `p` ("2×p" MA), NaN for the first and last `h = ⌊p/2⌋` points. Seasonal: the mean of the
/// detrended values of each phase `t mod p`, centred to sum zero. Resid: detrended minus seasonal.
public struct SeasonalDecomposition: Sendable, Hashable {
    /// The season length `p`.
    public let period: Int
    /// The centred moving average; NaN for the first and last `⌊p/2⌋` points.
    public let trend: [Double]
    /// One seasonal effect per phase; `seasonal[t] == seasonalCycle[t % period]`, and they sum to ≈ 0.
    public let seasonalCycle: [Double]
    /// `x − trend − seasonal`; NaN where the trend is.
    public let resid: [Double]

    /// The seasonal component at every point of the series, the cycle repeated from phase 0.
    public var seasonal: [Double] { (0..<trend.count).map { seasonalCycle[$0 % period] } }

    /// Seasonal strength `max(0, 1 − var(resid)/var(seasonal + resid))` over the points with a trend.
    ///
    /// Hyndman & Athanasopoulos' Fₛ; `nil` when `var(seasonal + resid)` is zero (e.g. a constant series).
    public var strength: Double? {
        var seasonalPlusResid: [Double] = []
        var residuals: [Double] = []
        for (t, r) in resid.enumerated() where !r.isNaN {
            residuals.append(r)
            seasonalPlusResid.append(seasonalCycle[t % period] + r)
        }
        let total = Self.variance(seasonalPlusResid)
        guard total > 0 else { return nil }
        return Swift.max(0, 1 - Self.variance(residuals) / total)
    }

    /// Decomposes `values` with season length `period`.
    /// - Parameters:
    ///   - values: the series, equally spaced, phase 0 at the first value.
    ///   - period: the season length, at least 1.
    /// - Throws: `AnalysisError.invalidArgument` for `period < 1`, `.nonFinite` for NaN/±∞ (statsmodels:
    ///   "This function does not handle missing values"), `.tooShort` for fewer than `2·period` values.
    public init(_ values: [Double], period: Int) throws(AnalysisError) {
        guard period >= 1 else { throw .invalidArgument("period must be positive, got \(period)") }
        guard values.allSatisfy(\.isFinite) else {
            throw .nonFinite("seasonal decomposition does not handle missing values")
        }
        let n = values.count
        guard n >= 2 * period else {
            throw .tooShort(
                "x must have 2 complete cycles requires \(2 * period) observations. x only has \(n) observation(s)")
        }
        let weights: [Double]
        if period % 2 == 0 {
            let inner = 1 / Double(period)
            weights = [0.5 / Double(period)] + [Double](repeating: inner, count: period - 1) + [0.5 / Double(period)]
        } else {
            weights = [Double](repeating: 1 / Double(period), count: period)
        }
        let h = (weights.count - 1) / 2
        var trend = [Double](repeating: .nan, count: n)
        for t in h..<(n - h) {
            var sum = 0.0
            for (j, w) in weights.enumerated() {
                sum += w * values[t - h + j]
            }
            trend[t] = sum
        }
        var cycle = [Double](repeating: 0, count: period)
        for phase in 0..<period {
            var sum = 0.0
            var count = 0
            var t = phase
            while t < n {
                if !trend[t].isNaN {
                    sum += values[t] - trend[t]
                    count += 1
                }
                t += period
            }
            cycle[phase] = count > 0 ? sum / Double(count) : .nan
        }
        var cycleSum = 0.0
        for effect in cycle { cycleSum += effect }
        let cycleMean = cycleSum / Double(period)
        cycle = cycle.map { $0 - cycleMean }
        var resid = [Double](repeating: .nan, count: n)
        for t in h..<(n - h) {
            resid[t] = (values[t] - trend[t]) - cycle[t % period]
        }
        self.period = period
        self.trend = trend
        self.seasonalCycle = cycle
        self.resid = resid
    }

    /// Σ(x − mean)²/count; the ratio in ``strength`` does not depend on the degrees of freedom.
    private static func variance(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        var sum = 0.0
        for value in values { sum += value }
        let mean = sum / Double(values.count)
        var squares = 0.0
        for value in values { squares += (value - mean) * (value - mean) }
        return squares / Double(values.count)
    }
}
